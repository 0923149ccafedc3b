package io.idem.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    private static final long SEED = 20240611L;
    private static final int PERSONS = 2000;
    private static final List<String> SOURCES =
            List.of("ecommerce", "concurso", "tienda", "fidelizacion", "app", "callcenter");
    private static final Set<String> EMAIL_PLACEHOLDERS = Set.of("test@test.com", "sinmail@gmail.com", "no@tiene.com");
    private static final Set<String> PHONE_PLACEHOLDERS = Set.of("0000000000", "1111111111");

    @TempDir
    static Path dir;

    static Generator.Summary summary;
    static Person[] people;
    /** source -> rows (header first), parsed. */
    static final Map<String, List<List<String>>> files = new LinkedHashMap<>();
    /** "source:id" -> person index (for a visitor's row, the person whose random streams made it). */
    static final Map<String, Integer> truth = new HashMap<>();
    /** "source:id" of the rows whose truth is an anonymous visitor, not a customer. */
    static final Set<String> visitorRows = new HashSet<>();

    @BeforeAll
    static void generate() throws IOException {
        summary = new Generator(SEED).generate(PERSONS, dir);
        people = new Generator(SEED).people(PERSONS);
        for (String s : SOURCES) {
            files.put(s, readCsv(dir.resolve(s + ".csv")));
        }
        List<List<String>> t = readCsv(summary.truthFile());
        assertThat(t.get(0)).containsExactly("source", "record_id", "person_id");
        for (List<String> row : t.subList(1, t.size())) {
            assertThat(row.get(2)).matches("p\\d{6}|visitor-\\d{7}");
            String key = row.get(0) + ":" + row.get(1);
            int index;
            if (row.get(2).startsWith("visitor-")) {
                visitorRows.add(key);
                index = (Integer.parseInt(row.get(2).substring("visitor-".length())) - 1) / 2;
            } else {
                index = Integer.parseInt(row.get(2).substring(1)) - 1;
            }
            Integer old = truth.put(key, index);
            assertThat(old).as("truth line for %s:%s repeated", row.get(0), row.get(1)).isNull();
        }
    }

    // ------------------------------------------------------------------ structure

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path again, @TempDir Path other)
            throws IOException {
        new Generator(SEED).generate(PERSONS, again);
        for (String f : List.of("ecommerce.csv", "concurso.csv", "tienda.csv", "fidelizacion.csv", "app.csv",
                "callcenter.csv", "truth.csv")) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve(f)));
        }
        new Generator(SEED + 1).generate(PERSONS, other);
        assertThat(Files.readAllBytes(other.resolve("ecommerce.csv")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("ecommerce.csv")));
        try (var list = Files.list(again)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("app.csv",
                    "callcenter.csv", "concurso.csv", "ecommerce.csv", "fidelizacion.csv", "tienda.csv", "truth.csv");
        }
    }

    @Test
    void headersAreTheSpanishColumnsAndEveryRowHasTheirWidth() {
        assertThat(files.get("ecommerce").get(0)).containsExactly("id", "documento", "email", "telefono", "nombre",
                "apellido", "fecha_nacimiento", "direccion", "ciudad", "codigo_postal", "fecha", "monto");
        assertThat(files.get("concurso").get(0)).containsExactly("id", "email", "nombre", "apellido");
        assertThat(files.get("tienda").get(0))
                .containsExactly("id", "nombre_completo", "dni", "telefono", "tarjeta", "fecha", "monto");
        assertThat(files.get("fidelizacion").get(0)).containsExactly("id", "socio", "documento", "nombre",
                "apellido", "email", "celular", "fecha_nacimiento", "genero");
        assertThat(files.get("app").get(0)).containsExactly("id", "dispositivo", "email", "evento", "fecha");
        assertThat(files.get("callcenter").get(0)).containsExactly("id", "telefono", "nombre", "motivo");
        files.forEach((s, rows) -> {
            int width = rows.get(0).size();
            for (List<String> row : rows) {
                assertThat(row).as("%s row %s", s, row).hasSize(width);
            }
        });
    }

    @Test
    void filesAreUtf8WithLfLineEndsAndQuoteOnlyWhenNeeded() throws IOException {
        for (String s : SOURCES) {
            byte[] bytes = Files.readAllBytes(dir.resolve(s + ".csv"));
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text.getBytes(StandardCharsets.UTF_8)).as("valid UTF-8 " + s).isEqualTo(bytes);
            assertThat(text).doesNotContain("\r").endsWith("\n");
            // re-encoding the parsed rows with minimal quoting must give back the file exactly
            StringBuilder again = new StringBuilder();
            for (List<String> row : files.get(s)) {
                for (int i = 0; i < row.size(); i++) {
                    String v = row.get(i);
                    if (i > 0) {
                        again.append(',');
                    }
                    boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n");
                    again.append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
                }
                again.append('\n');
            }
            assertThat(again.toString()).isEqualTo(text);
        }
        String all = Files.readString(dir.resolve("ecommerce.csv")) + Files.readString(dir.resolve("tienda.csv"));
        assertThat(all).contains("ñ").contains("á").contains("\"");
    }

    @Test
    void countsMatchSummaryFilesAndTruth() {
        assertThat(summary.persons()).isEqualTo(PERSONS);
        assertThat(summary.recordsBySource().keySet()).containsExactlyElementsOf(SOURCES);
        assertThat(summary.truthFile()).isEqualTo(dir.resolve("truth.csv"));
        long sum = 0;
        for (String s : SOURCES) {
            int rows = files.get(s).size() - 1;
            assertThat(summary.recordsBySource().get(s)).as(s).isEqualTo(rows);
            assertThat(rows).as("rows in " + s).isPositive();
            sum += rows;
        }
        assertThat(summary.totalRecords()).isEqualTo(sum);
        assertThat((long) truth.size()).isEqualTo(sum);
    }

    @Test
    void everyRecordIsInTheTruthExactlyOnceAndIdsAreUniquePerFile() {
        Set<String> seen = new HashSet<>();
        for (String s : SOURCES) {
            Set<String> ids = new HashSet<>();
            for (List<String> row : rows(s)) {
                assertThat(ids.add(row.get(0))).as("duplicate id %s in %s", row.get(0), s).isTrue();
                assertThat(truth).containsKey(s + ":" + row.get(0));
                seen.add(s + ":" + row.get(0));
            }
        }
        assertThat(seen).isEqualTo(truth.keySet());
        Set<Integer> customers = new HashSet<>();
        truth.forEach((k, v) -> {
            if (!visitorRows.contains(k)) {
                customers.add(v);
            }
        });
        assertThat(customers).as("every person produced a row of their own").hasSize(PERSONS);
    }

    @Test
    void rejectsBadPersonCounts() {
        assertThatThrownBy(() -> new Generator(1).generate(0, dir)).isInstanceOf(IdemException.InvalidInput.class);
    }

    // ------------------------------------------------------------------ truth consistency

    @Test
    void personsHaveUniqueDocumentsEmailsAndPhones() {
        Set<Integer> dnis = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Set<String> mobiles = new HashSet<>();
        for (Person p : people) {
            assertThat(p.dni).isBetween(10_000_000, 45_000_000);
            assertThat(dnis.add(p.dni)).isTrue();
            if (p.email != null) {
                assertThat(emails.add(p.email)).as(p.email).isTrue();
            }
            if (p.altEmail != null) {
                assertThat(emails.add(p.altEmail)).as(p.altEmail).isTrue();
            }
            assertThat(p.mobile).hasSize(10).containsOnlyDigits();
            assertThat(mobiles.add(p.mobile)).isTrue();
            if (p.oldMobile != null) {
                assertThat(mobiles.add(p.oldMobile)).isTrue();
            }
            assertThat(p.birthDay).isBetween(-10958, 13513); // 1940-01-01 .. 2006-12-31
        }
    }

    @Test
    void everyWrittenPhoneHasTheDigitsOfItsPersonsNumber() {
        int checked = 0;
        int landlines = 0;
        int oldNumbers = 0;
        Map<String, String> phoneColumn = Map.of("ecommerce", "telefono", "tienda", "telefono", "fidelizacion",
                "celular", "callcenter", "telefono");
        for (var e : phoneColumn.entrySet()) {
            int col = files.get(e.getKey()).get(0).indexOf(e.getValue());
            for (List<String> row : rows(e.getKey())) {
                String v = row.get(col);
                if (v.isEmpty() || PHONE_PLACEHOLDERS.contains(v)) {
                    continue;
                }
                assertThat(v).matches("[+0-9() -]+");
                Person p = person(e.getKey(), row);
                String digits = v.replaceAll("\\D", "");
                Set<String> ok = new HashSet<>(mobileDigitForms(p.mobile, p.mobileAreaLen));
                if (p.oldMobile != null) {
                    ok.addAll(mobileDigitForms(p.oldMobile, p.mobileAreaLen));
                    if (mobileDigitForms(p.oldMobile, p.mobileAreaLen).contains(digits)) {
                        oldNumbers++;
                    }
                }
                Household h = p.household;
                if (h != null && h.landline != null) {
                    Set<String> fixed = Set.of(h.landline, "0" + h.landline, "54" + h.landline);
                    ok.addAll(fixed);
                    if (fixed.contains(digits)) {
                        landlines++;
                        assertThat(e.getKey()).isNotEqualTo("fidelizacion");
                    }
                }
                assertThat(ok).as("%s %s of %s", e.getKey(), v, p.index).contains(digits);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(2000);
        assertThat(landlines).as("household landlines written").isPositive();
        assertThat(oldNumbers).as("old numbers of people who changed phone").isPositive();
    }

    /** 10-digit national N = area + subscriber: N, 0+area+15+subscriber, 549+N. */
    private static List<String> mobileDigitForms(String national, int areaLen) {
        return List.of(national, "0" + national.substring(0, areaLen) + "15" + national.substring(areaLen),
                "549" + national);
    }

    @Test
    void documentsAreThePersonsOrAClerksSlip() {
        int typos = 0;
        int placeholders = 0;
        for (String s : List.of("ecommerce", "fidelizacion", "tienda")) {
            int col = files.get(s).get(0).indexOf(s.equals("tienda") ? "dni" : "documento");
            for (List<String> row : rows(s)) {
                String v = row.get(col);
                if (v.isEmpty()) {
                    continue;
                }
                assertThat(v).matches("\\d{8}|\\d{2}\\.\\d{3}\\.\\d{3}");
                String digits = v.replace(".", "");
                String dni = Integer.toString(person(s, row).dni);
                if (digits.equals(dni)) {
                    continue;
                }
                assertThat(s).isEqualTo("tienda");
                if (digits.equals("00000000")) {
                    placeholders++;
                } else {
                    int diff = 0;
                    for (int i = 0; i < 8; i++) {
                        diff += digits.charAt(i) != dni.charAt(i) ? 1 : 0;
                    }
                    assertThat(diff).isEqualTo(1);
                    typos++;
                }
            }
        }
        assertThat(typos).isPositive();
        assertThat(placeholders).isPositive();
    }

    @Test
    void emailsBelongToTheirPersonOrHouseholdOrArePlaceholders() {
        Map<String, Set<Integer>> users = new HashMap<>();
        int placeholders = 0;
        int messy = 0;
        for (String s : List.of("ecommerce", "concurso", "fidelizacion", "app")) {
            int col = files.get(s).get(0).indexOf("email");
            for (List<String> row : rows(s)) {
                String raw = row.get(col);
                if (raw.isEmpty()) {
                    continue;
                }
                String e = raw.trim().toLowerCase(Locale.ROOT);
                if (!e.equals(raw)) {
                    messy++;
                }
                if (EMAIL_PLACEHOLDERS.contains(e)) {
                    assertThat(s).isEqualTo("concurso");
                    placeholders++;
                    continue;
                }
                Person p = person(s, row);
                Set<String> own = new HashSet<>();
                own.add(p.email);
                own.add(p.altEmail);
                own.add(p.household == null ? null : p.household.email);
                assertThat(own).as("%s %s", s, raw).contains(e);
                users.computeIfAbsent(e, k -> new HashSet<>()).add(p.index);
            }
        }
        assertThat(placeholders).isPositive();
        assertThat(messy).isPositive();
        long shared = users.values().stream().filter(u -> u.size() > 1).count();
        assertThat(shared).as("family e-mails used by several people").isPositive();
    }

    @Test
    void secondEmailsFromTheContestAlsoShowUpElsewhere() {
        Map<String, Set<String>> channelsOfEmail = new HashMap<>();
        for (String s : List.of("ecommerce", "concurso", "fidelizacion", "app")) {
            int col = files.get(s).get(0).indexOf("email");
            for (List<String> row : rows(s)) {
                channelsOfEmail.computeIfAbsent(row.get(col).trim().toLowerCase(Locale.ROOT), k -> new HashSet<>())
                        .add(s);
            }
        }
        int linked = 0;
        for (Person p : people) {
            if (p.altEmail != null && p.altAnchor >= 0) {
                assertThat(channelsOfEmail.get(p.altEmail)).as(p.altEmail).isNotNull().hasSizeGreaterThan(0);
                if (channelsOfEmail.get(p.altEmail).contains("concurso")
                        && channelsOfEmail.get(p.altEmail).size() > 1) {
                    linked++;
                }
            }
        }
        assertThat(linked).isPositive();
    }

    @Test
    void appEmailsOnlyOnLoginAndSomeDevicesStayAnonymous() {
        Map<String, Boolean> deviceLoggedIn = new HashMap<>();
        Map<String, Integer> deviceOwner = new HashMap<>();
        int logins = 0;
        for (List<String> row : rows("app")) {
            assertThat(row.get(1)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(row.get(3)).isIn("app_open", "view_product", "add_to_cart", "login", "purchase");
            assertThat(row.get(4)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
            boolean login = row.get(3).equals("login");
            assertThat(row.get(2).isEmpty()).as(row.toString()).isEqualTo(!login);
            logins += login ? 1 : 0;
            deviceLoggedIn.merge(row.get(1), login, Boolean::logicalOr);
            Integer owner = deviceOwner.put(row.get(1), person("app", row).index);
            assertThat(owner == null || owner == person("app", row).index).isTrue();
        }
        assertThat(logins).isPositive();
        assertThat(deviceLoggedIn.containsValue(false)).isTrue();
        // a device that never logs in is an anonymous visitor's in the truth; every customer's device logs in
        for (List<String> row : rows("app")) {
            assertThat(visitorRows.contains("app:" + row.get(0))).as(row.toString())
                    .isEqualTo(!deviceLoggedIn.get(row.get(1)));
        }
        // the data keeps anonymous devices: about a third of the app's rows
        assertThat(visitorRows.size()).isBetween(rows("app").size() / 5, rows("app").size() / 2);
        assertThat(deviceLoggedIn.values().stream().filter(b -> b).count()).isGreaterThan(deviceLoggedIn.size() / 3);
    }

    @Test
    void storeTicketsCarryLoyaltyCodesPlaceholdersAndNameVariants() {
        int cards = 0;
        int phonePlaceholders = 0;
        int upperSurnameFirst = 0;
        int differentFromTruth = 0;
        for (List<String> row : rows("tienda")) {
            Person p = person("tienda", row);
            if (!row.get(4).isEmpty()) {
                assertThat(row.get(4)).matches("FID-\\d{7}");
                assertThat(Set.of(code(p.loyalty), code(p.loyalty2))).contains(row.get(4));
                cards++;
            }
            phonePlaceholders += PHONE_PLACEHOLDERS.contains(row.get(3)) ? 1 : 0;
            String name = row.get(1);
            if (name.equals(Text.upper(Text.stripAccents(p.last + " " + p.first)))) {
                upperSurnameFirst++;
            }
            String n = Text.stripAccents(name).toLowerCase(Locale.ROOT);
            String f = Text.stripAccents(Text.firstWord(p.first)).toLowerCase(Locale.ROOT);
            String l = Text.stripAccents(p.last).toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !(n.contains(f) && n.contains(l))) {
                differentFromTruth++;
            }
            assertThat(row.get(5)).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
            assertThat(row.get(6)).matches("\\d+\\.\\d{2}");
        }
        int rows = rows("tienda").size();
        assertThat(cards).isBetween(rows / 5, rows * 3 / 5);
        assertThat(phonePlaceholders).isPositive();
        assertThat(upperSurnameFirst).isGreaterThan(rows / 5);
        assertThat(differentFromTruth).as("typos").isBetween(rows / 20, rows / 4);
        for (List<String> row : rows("fidelizacion")) {
            Person p = person("fidelizacion", row);
            assertThat(Set.of(code(p.loyalty), code(p.loyalty2))).contains(row.get(1));
        }
    }

    @Test
    void volumesAreRoughlyAsSpecified() {
        Map<String, Set<Integer>> personsIn = new HashMap<>();
        truth.forEach((k, v) -> {
            if (!visitorRows.contains(k)) {
                personsIn.computeIfAbsent(k.substring(0, k.indexOf(':')), s -> new HashSet<>()).add(v);
            }
        });
        assertShare(personsIn, "ecommerce", 0.50, 0.70);
        assertShare(personsIn, "concurso", 0.24, 0.36);
        assertShare(personsIn, "fidelizacion", 0.29, 0.41);
        // customers with an app install of their own (that logs in); installs that never do are visitors'
        assertShare(personsIn, "app", 0.13, 0.22);
        assertShare(personsIn, "callcenter", 0.07, 0.13);
        // a little more than 0.5 since a customer whose only rows were an anonymous install gets a ticket
        assertShare(personsIn, "tienda", 0.35, 0.53);
        double perPerson = (double) summary.totalRecords() / PERSONS;
        assertThat(perPerson).isBetween(3.6, 4.4);
        long inHouseholds = java.util.Arrays.stream(people).filter(p -> p.household != null).count();
        assertThat(inHouseholds).isBetween((long) (PERSONS * 0.04), (long) (PERSONS * 0.13));
        long changed = java.util.Arrays.stream(people).filter(p -> p.oldMobile != null).count();
        assertThat(changed).isBetween((long) (PERSONS * 0.03), (long) (PERSONS * 0.07));
        int empty = 0;
        int cells = 0;
        for (List<String> row : rows("ecommerce")) {
            for (int c : new int[] {1, 3, 6, 7, 8, 9}) {
                cells++;
                empty += row.get(c).isEmpty() ? 1 : 0;
            }
        }
        assertThat((double) empty / cells).isBetween(0.04, 0.16);
    }

    private static void assertShare(Map<String, Set<Integer>> personsIn, String source, double min, double max) {
        assertThat((double) personsIn.get(source).size() / PERSONS).as(source).isBetween(min, max);
    }

    private static String code(int loyalty) {
        StringBuilder b = new StringBuilder();
        Generator.loyaltyCode(b, loyalty);
        return b.toString();
    }

    // ------------------------------------------------------------------ helpers

    private static List<List<String>> rows(String source) {
        List<List<String>> all = files.get(source);
        return all.subList(1, all.size());
    }

    private static Person person(String source, List<String> row) {
        Integer i = truth.get(source + ":" + row.get(0));
        assertThat(i).as("truth for %s:%s", source, row.get(0)).isNotNull();
        return people[i];
    }

    /** A strict RFC 4180 reader for the test: quoted fields, doubled quotes, LF line ends. */
    static List<List<String>> readCsv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field.length()).as("quote inside an unquoted field in " + file).isZero();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).isFalse();
        assertThat(field.length() == 0 && row.isEmpty()).as("file ends with a newline").isTrue();
        return rows;
    }
}
