package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    String data() {
        return dir.resolve("data").toString();
    }

    /** Export commands write to System.out (for speed); capture it. */
    static String captureStdout(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Cli.Result r = Cli.run(args);
            assertThat(r.code()).as(r.err()).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void seedScenarioWebShopThenContestGivesOneEnrichedProfile() throws IOException {
        Path web = write("web.csv", "pedido;dni;correo;celular;nombre;apellido\n"
                + "A-1;30.123.456;Monica.Nunez@Gmail.com ;011 15-4123-4567;Mónica;NÚÑEZ\n");
        Path contest = write("concurso.csv", "\uFEFFemail,nombre\n monica.nunez@gmail.com,Mónica\n");
        Cli.Result r1 = Cli.run("import", web.toString(), "--source", "ecommerce", "--id", "pedido", "--data", data());
        assertThat(r1.code()).as(r1.err()).isZero();
        assertThat(r1.out()).contains("records new").contains("profiles created");
        Cli.Result r2 = Cli.run("import", contest.toString(), "--source", "concurso", "--data", data());
        assertThat(r2.code()).as(r2.err()).isZero();
        assertThat(r2.out()).containsPattern("profiles created\\s+0");

        String records = captureStdout("export", "records", "--data", data());
        List<String> lines = records.lines().toList();
        assertThat(lines.get(0)).isEqualTo("source,record_id,profile_id");
        assertThat(lines).hasSize(3);
        String profile = lines.get(1).split(",")[2];
        assertThat(lines.get(2)).isEqualTo("ecommerce,A-1," + profile).isNotNull();
        assertThat(lines.get(1)).isEqualTo("concurso,1," + profile);

        Cli.Result shown = Cli.run("profile", "--phone", "+54 9 11 4123-4567", "--data", data());
        assertThat(shown.code()).as(shown.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(shown.out());
        assertThat(json.get("profile_id").asText()).isEqualTo(profile);
        assertThat(json.get("name").asText()).isEqualTo("Mónica Núñez");
        assertThat(json.get("records")).hasSize(2);
        JsonNode email = null;
        for (JsonNode id : json.get("identifiers")) {
            if (id.get("kind").asText().equals("email")) {
                email = id;
            }
        }
        assertThat(email).isNotNull();
        assertThat(email.get("value").asText()).isEqualTo("monica.nunez@gmail.com");
        assertThat(email.get("sources").toString()).contains("concurso").contains("ecommerce");
    }

    @Test
    void febrlFileImportsWithMapAndCommaSpaceDelimiter() throws IOException {
        Path f = write("febrl.csv", "rec_id, given_name, surname, street_number, address_1, address_2, suburb,"
                + " postcode, state, date_of_birth, soc_sec_id\r\n"
                + "rec-1-org, lachlan, berry, 69, giblin street, killarney, bittern, 4814, qld, 19990219, 7364009\r\n"
                + "rec-1-dup-0, lachlan, berry, 69, giblin street, killarney, bittern, 4814, qld, 19990219, 7364009");
        Cli.Result r = Cli.run("import", f.toString(), "--source", "febrl", "--id", "rec_id", "--map",
                "soc_sec_id=document", "--map", "address_2=ignore", "--map", "state=region", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("records new\\s+2").containsPattern("rows rejected\\s+0");
        String profiles = captureStdout("export", "profiles", "--data", data());
        assertThat(profiles.lines().toList()).hasSize(2);
        assertThat(profiles).contains("Lachlan Berry").contains("7364009");
    }

    @Test
    void malformedRowsAreRejectedWithLineAndReasonAndTheRestGoesOn() throws IOException {
        Path f = write("tienda.csv", "id,nombre,telefono,fecha_nacimiento\n"
                + "1,Ana,011 4123-4567,1990-01-01\n"
                + "2,Luis\n"
                + "3,\"Eva, la de\n siempre\",011 4999-0000,31/02/1990\n"
                + ",Sin Id,011 4999-1111,\n"
                + "1,Ana otra vez,,\n"
                + "5,\"sin cerrar,011,\n");
        Path rejects = dir.resolve("rej.csv");
        Cli.Result r = Cli.run("import", f.toString(), "--source", "tienda", "--id", "id", "--rejects",
                rejects.toString(), "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("rows read\\s+6").containsPattern("records new\\s+2")
                .containsPattern("rows rejected\\s+4").contains("birth_date 1");
        String rej = Files.readString(rejects);
        assertThat(rej).startsWith("file,line,reason,row\n")
                .contains(",3,\"expected 4 fields, found 2\",\"2,Luis\"\n")
                .contains(",6,empty record id in column 'id',")
                .contains(",7,duplicate record id '1' (first seen on line 2)")
                .contains(",8,unterminated quoted field,");
        // values kept but not usable are listed beside it, with line, record and column
        assertThat(r.out()).contains("birth_date 1  (see " + dir.resolve("rej-problems.csv") + ")");
        assertThat(Files.readString(dir.resolve("rej-problems.csv"))).isEqualTo(
                "file,line,record_id,column,value,problem\n" + f + ",4,3,fecha_nacimiento,31/02/1990,"
                        + "impossible date '31/02/1990'\n");
    }

    @Test
    void aSpreadsheetSavedInWindows1252KeepsItsAccentsAndMatchesTheUtf8Records() throws IOException {
        Path web = write("web.csv", "pedido;dni;correo;nombre;apellido\nA-1;30.123.456;monica@x.com;Mónica;Núñez\n");
        assertThat(Cli.run("import", web.toString(), "--source", "ecommerce", "--id", "pedido", "--data", data())
                .code()).isZero();
        // Excel on a Spanish Windows: the same letters as single bytes, and a row appended in UTF-8
        Path clerk = dir.resolve("tienda.csv");
        Files.write(clerk, ("ticket;nombre;apellido;dni\r\nT-1;MÓNICA;NÚÑEZ;30123456\r\nT-2;Íñigo;Peña;20111222\r\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Files.write(clerk, "T-3;José;Álvarez;27111333\r\n".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        Cli.Result r = Cli.run("import", clerk.toString(), "--source", "tienda", "--id", "ticket", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("records new\\s+3").containsPattern("profiles created\\s+2")
                .contains("lines read as Windows-1252: 2 (not valid UTF-8; the first is line 2;");
        String profiles = captureStdout("export", "profiles", "--data", data());
        assertThat(profiles).contains("Íñigo Peña").contains("José Álvarez").doesNotContain("\uFFFD");
        Cli.Result shown = Cli.run("profile", "--document", "30123456", "--data", data());
        assertThat(shown.out()).contains("\"MÓNICA\"").contains("\"Mónica\"");

        // told the encoding, nothing is guessed; an unknown one is a clear error before anything is read
        Path latin9 = dir.resolve("latin9.csv");
        Files.write(latin9, "id;nombre;monto\n1;Peña;100 €\n".getBytes(java.nio.charset.Charset.forName("ISO-8859-15")));
        Cli.Result given = Cli.run("import", latin9.toString(), "--source", "caja", "--id", "id", "--encoding",
                "iso-8859-15", "--json", "--data", data());
        assertThat(given.code()).as(given.err()).isZero();
        JsonNode text = new ObjectMapper().readTree(given.out()).get("text");
        assertThat(text.get("encoding").asText()).isEqualTo("ISO-8859-15");
        assertThat(text.get("windows1252_lines").asLong()).isZero();
        Cli.Result unknown = Cli.run("import", latin9.toString(), "--source", "caja", "--encoding", "klingon",
                "--data", data());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--encoding 'klingon': not a known character set");
    }

    @Test
    void aRetailersOwnHeadersAreReadAndWhatIsNotIsSaid() throws IOException {
        Path erp = write("erp.csv", "Nº Socio;Nro. de Documento;Apellido, Nombre;Teléfono 1;Email Cliente;Tipo Doc;"
                + "Email del vendedor;Razón Social\n"
                + "FID-7;30.123.456;PEREZ, JUAN;011 15-4123-4567;juan@x.com;DNI;ventas@tienda.com;Perez SRL\n"
                + "FID-8;20.111.222;GOMEZ, ANA;011 15-4999-0000;ana@x.com;DNI;ventas@tienda.com;\n");
        Cli.Result r = Cli.run("import", erp.toString(), "--source", "erp", "--json", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode columns = new ObjectMapper().readTree(r.out()).get("columns");
        assertThat(columns.toString()).isEqualTo("{\"Nº Socio\":\"loyalty_id\",\"Nro. de Documento\":\"document\","
                + "\"Apellido, Nombre\":\"full_name\",\"Teléfono 1\":\"phone\",\"Email Cliente\":\"email\","
                + "\"Tipo Doc\":\"attribute\",\"Email del vendedor\":\"attribute\",\"Razón Social\":\"attribute\"}");
        // the seller's address on every row is an attribute, so it did not make the two customers one
        assertThat(captureStdout("export", "profiles", "--data", data()).lines()).hasSize(3);
        Cli.Result byLoyalty = Cli.run("profile", "--loyalty-id", "FID-7", "--data", data());
        assertThat(byLoyalty.out()).contains("\"30123456\"").contains("+5491141234567");

        Path again = write("erp2.csv", "ID;Tipo Doc;Razón Social\n1;DNI;Perez SRL\n");
        Cli.Result text = Cli.run("import", again.toString(), "--source", "erp2", "--id", "ID", "--data", data());
        assertThat(text.out()).contains("columns kept as attributes: Tipo Doc, Razón Social (--map COLUMN=KIND")
                .contains("warning: no column is an identifier or a name");
        Cli.Result named = Cli.run("import", again.toString(), "--source", "erp3", "--id", "ID", "--map",
                "Razón Social=full_name", "--data", data());
        assertThat(named.out()).contains("columns kept as attributes: Tipo Doc (").doesNotContain("warning");
    }

    @Test
    void repeatedAndEmptyHeaderNamesAndATrailingDelimiterAreTakenAsTheyCome() throws IOException {
        // an ERP export: two phone columns with one name, and every line ending with a delimiter
        Path f = write("erp.csv", "id;Teléfono;Teléfono;nombre;\n"
                + "1;011 4123-4567;011 15 5555-6666;Ana Paz;\n"
                + "2;011 4999-0000;;Luis Gil;nota\n"
                + "3;011 15 5555-6666;;Ana Paz;;\n");
        Cli.Result r = Cli.run("import", f.toString(), "--source", "erp", "--id", "id", "--json", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = new ObjectMapper().readTree(r.out());
        assertThat(out.get("columns").toString())
                .isEqualTo("{\"id\":\"record_id\",\"Teléfono\":\"phone\",\"Teléfono#2\":\"phone\","
                        + "\"nombre\":\"first_name\",\"column 5\":\"attribute\"}");
        assertThat(out.at("/run/records_new").asLong()).isEqualTo(3);
        assertThat(out.at("/run/rows_rejected").asLong()).isZero();
        // the second phone column links row 3 to row 1
        assertThat(captureStdout("export", "profiles", "--data", data()).lines()).hasSize(3);
        Cli.Result mapped = Cli.run("import", f.toString(), "--source", "erp2", "--id", "id", "--map",
                "Teléfono#2=ignore", "--json", "--data", data());
        assertThat(new ObjectMapper().readTree(mapped.out()).at("/columns/Teléfono#2").asText()).isEqualTo("ignore");
    }

    @Test
    void aDryRunSaysWhatEachColumnWouldGiveAndStoresNothing() throws IOException {
        Path f = write("nuevo.csv", "id;Nº Socio;correo;telefono;fecha_nacimiento;notas\n"
                + "1;FID-1;ana@x.com;011 4123-4567;05/03/1980;vip\n"
                + "2;FID-2;test@test.com;4123;31/02/1980;\n"
                + "3;;luis@x.com / luis.gil@y.com;;;\n"
                + "3;FID-4;eva@x.com;;;\n"
                + "5;FID-5\n");
        Cli.Result r = Cli.run("import", f.toString(), "--source", "nuevo", "--id", "id", "--dry-run", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("checked " + f + " as source 'nuevo': nothing was imported")
                .containsPattern("rows read\\s+5")
                .containsPattern("rows an import rejects\\s+2  \\(first: line 5: duplicate record id '3'")
                .containsPattern("Nº Socio\\s+loyalty_id\\s+2\\s+2\\s+0\\s+0")
                .containsPattern("correo\\s+email\\s+3\\s+3\\s+0\\s+1")
                .containsPattern("telefono\\s+phone\\s+2\\s+1\\s+1\\s+0")
                .containsPattern("notas\\s+attribute\\s+1\\s+1\\s+0\\s+0")
                .contains("not usable: line 3, telefono '4123': invalid phone");
        assertThat(Files.exists(dir.resolve("data"))).as("a dry run opens no store").isFalse();
        JsonNode json = new ObjectMapper().readTree(
                Cli.run("import", f.toString(), "--source", "nuevo", "--id", "id", "--dry-run", "--json").out());
        assertThat(json.get("rows_rejected").asLong()).isEqualTo(2);
        assertThat(json.at("/columns/2/name").asText()).isEqualTo("correo");
        assertThat(json.at("/columns/2/usable").asLong()).isEqualTo(3);
    }

    @Test
    void aCompressedExportIsReadAsItsCsv() throws IOException {
        String csv = "id;dni;correo;nombre\n1;30.123.456;ana@x.com;Ana Paz\n2;20.111.222;luis@x.com;Luis Gil\n";
        Path gz = dir.resolve("clientes.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        Path zip = dir.resolve("export.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("export/"));
            out.putNextEntry(new java.util.zip.ZipEntry("export/clientes.csv"));
            out.write(csv.replace("ana@x.com", "ana.paz@y.com").getBytes(StandardCharsets.UTF_8));
        }
        Cli.Result a = Cli.run("import", gz.toString(), "--source", "web", "--id", "id", "--data", data());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).containsPattern("records new\\s+2");
        Cli.Result b = Cli.run("import", zip.toString(), "--source", "tienda", "--id", "id", "--data", data());
        assertThat(b.out()).containsPattern("records new\\s+2").containsPattern("profiles created\\s+0");
        assertThat(Cli.run("profile", "--document", "30123456", "--data", data()).out())
                .contains("ana@x.com").contains("ana.paz@y.com");
        // a file whose first line is data: said, since nothing can link
        Path bare = write("sin_cabecera.csv", "1;ana@x.com;Ana\n2;luis@x.com;Luis\n");
        assertThat(Cli.run("import", bare.toString(), "--source", "x", "--dry-run").out())
                .contains("the header holds 'ana@x.com', a value: does the file start without a header row?");
        Path broken = dir.resolve("roto.csv.gz");
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(gz), 20));
        Cli.Result cut = Cli.run("import", broken.toString(), "--source", "y", "--data", data());
        assertThat(cut.code()).isEqualTo(2);
        assertThat(cut.err()).contains("cannot read");
    }

    @Test
    void anExcelWorkbookIsImportedFromItsFirstSheet() throws IOException {
        Path web = write("web.csv", "id;dni;correo\nA-1;30.123.456;monica@x.com\n");
        assertThat(Cli.run("import", web.toString(), "--source", "web", "--id", "id", "--data", data()).code()).isZero();
        Path xlsx = dir.resolve("tienda.xlsx");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(xlsx))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            zip.write("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"a\"/></sheets></workbook>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            String is = "<c t=\"inlineStr\"><is><t>%s</t></is></c>";
            zip.write(("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + "<row r=\"1\">" + is.formatted("Ticket") + is.formatted("Nº Documento") + is.formatted("Cliente")
                    + "</row><row r=\"2\">" + is.formatted("T-1") + "<c><v>3.0123456E7</v></c>" + is.formatted("MÓNICA NÚÑEZ")
                    + "</row></sheetData></worksheet>").getBytes(StandardCharsets.UTF_8));
        }
        Cli.Result r = Cli.run("import", xlsx.toString(), "--source", "tienda", "--id", "Ticket", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("records new\\s+1").containsPattern("profiles created\\s+0")
                .contains("read as xlsx");
        assertThat(Cli.run("profile", "--document", "30123456", "--data", data()).out()).contains("MÓNICA NÚÑEZ")
                .contains("monica@x.com");
        assertThat(Cli.run("import", xlsx.toString(), "--source", "tienda", "--id", "Ticket", "--dry-run").out())
                .containsPattern("Nº Documento\\s+document\\s+1\\s+1");
    }

    @Test
    void severalFilesOfOneSourceAreImportedInOrder() throws IOException {
        Path jan = write("tienda-2024-01.csv", "ticket;dni;nombre\nT-1;30.123.456;Ana Paz\nT-2;20.111.222;Luis Gil\n");
        Path feb = write("tienda-2024-02.csv", "ticket;dni;nombre\nT-3;30.123.456;Ana Paz\nT-4;27.333.444;Eva Sosa\nT-4;x;y\n");
        Cli.Result r = Cli.run("import", jan.toString(), feb.toString(), "--source", "tienda", "--id", "ticket",
                "--json", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode runs = new ObjectMapper().readTree(r.out());
        assertThat(runs.isArray()).isTrue();
        assertThat(runs.get(0).at("/run/file").asText()).isEqualTo(jan.toString());
        assertThat(runs.get(0).at("/run/profiles_created").asLong()).isEqualTo(2);
        assertThat(runs.get(1).at("/run/records_new").asLong()).isEqualTo(2);
        assertThat(runs.get(1).at("/run/profiles_created").asLong()).isEqualTo(1);
        assertThat(runs.get(1).at("/run/rows_rejected").asLong()).isEqualTo(1);
        assertThat(runs.get(1).at("/run/reject_file").asText()).endsWith("-2.csv");
        assertThat(captureStdout("export", "records", "--data", data()).lines()).hasSize(5);

        Cli.Result noId = Cli.run("import", jan.toString(), feb.toString(), "--source", "tienda", "--data", data());
        assertThat(noId.code()).isEqualTo(2);
        assertThat(noId.err()).contains("several files of one source need --id COLUMN");
        Cli.Result text = Cli.run("import", jan.toString(), feb.toString(), "--source", "t2", "--id", "ticket",
                "--dry-run");
        assertThat(text.out()).contains("checked " + jan + " as source 't2'").contains("checked " + feb + " as source 't2'");
    }

    @Test
    void reimportingTheSameFileUpdatesNothingAndDuplicatesNothing() throws IOException {
        Path f = write("web.csv", "id,email,dni\n1,ana@x.com,30123456\n2,luis@x.com,20111222\n");
        assertThat(Cli.run("import", f.toString(), "--source", "web", "--id", "id", "--data", data()).code()).isZero();
        Cli.Result again = Cli.run("import", f.toString(), "--source", "web", "--id", "id", "--data", data());
        assertThat(again.out()).containsPattern("records new\\s+0").containsPattern("records unchanged\\s+2")
                .containsPattern("profiles created\\s+0");
        Files.writeString(f, "id,email,dni\n1,ana@x.com,30123456\n2,luis.nuevo@x.com,20111222\n");
        Cli.Result changed = Cli.run("import", f.toString(), "--source", "web", "--id", "id", "--data", data());
        assertThat(changed.out()).containsPattern("records updated\\s+1");
        assertThat(captureStdout("export", "records", "--data", data()).lines()).hasSize(3);
        Cli.Result stats = Cli.run("stats", "--data", data());
        assertThat(stats.out()).contains("records 2 in 2 profiles").contains("imports: 3");
        // the same rows read another way (Spanish documents get their letter) are a new version
        Cli.Result spain = Cli.run("import", f.toString(), "--source", "web", "--id", "id", "--region", "ES",
                "--data", data());
        assertThat(spain.out()).containsPattern("records updated\\s+2");
        Cli.Result es = Cli.run("profile", "--document", "30123456", "--region", "ES", "--data", data());
        assertThat(es.code()).as(es.err()).isZero();
        assertThat(es.out()).containsPattern("\"value\" : \"30123456[A-Z]\"");
    }

    @Test
    void problemsExportListsWhatIsKeptButNotUsableAndThePlaceholders() throws IOException {
        Path f = write("t.csv", "id;correo;telefono;fecha_nacimiento\n1;ana@x,com;011 4123-4567;05/03/1980\n"
                + "2;test@test.com;4123;31/02/1980\n");
        assertThat(Cli.run("import", f.toString(), "--source", "t", "--id", "id", "--data", data()).code()).isZero();
        List<String> lines = captureStdout("export", "problems", "--data", data()).lines().toList();
        assertThat(lines.get(0)).isEqualTo("source,record_id,profile_id,column,kind,value,problem");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("t,1,P").endsWith(",correo,email,\"ana@x,com\",invalid email");
        assertThat(lines.subList(2, 5)).anySatisfy(l -> assertThat(l).endsWith(",correo,email,test@test.com,placeholder email"))
                .anySatisfy(l -> assertThat(l).endsWith(",telefono,phone,4123,invalid phone"))
                .anySatisfy(l -> assertThat(l).endsWith(",fecha_nacimiento,birth_date,31/02/1980,impossible date '31/02/1980'"));
    }

    /**
     * A mistyped --data (or ./idem-data looked for in another directory) is said, exit code 2,
     * instead of "0 records" from an empty store made on the spot with a key file of its own.
     */
    @Test
    void readingCommandsOnADirectoryWithoutDataSaySoAndCreateNothing() throws IOException {
        Path typo = dir.resolve("idem-dta");
        for (String[] args : List.of(new String[] {"stats"}, new String[] {"export", "records"},
                new String[] {"profile", "--email", "ana@x.com"}, new String[] {"review", "list"},
                new String[] {"history", "P1"}, new String[] {"explain", "a:1", "b:2"})) {
            List<String> cmd = new java.util.ArrayList<>(List.of(args));
            cmd.addAll(List.of("--data", typo.toString()));
            Cli.Result r = Cli.run(cmd.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("no idem data in " + typo.toAbsolutePath()).contains("--data DIR");
        }
        assertThat(typo).doesNotExist();
        Path file = write("not-a-dir", "x");
        Cli.Result onFile = Cli.run("import", write("y.csv", "id,email\n1,a@b.com\n").toString(), "--source", "web",
                "--data", file.toString());
        assertThat(onFile.code()).isEqualTo(2);
        assertThat(onFile.err()).contains("is a file, not a data directory");
        // keys are made before a server's first start: that creates the store
        assertThat(Cli.run("keys", "create", "--name", "pos", "--scope", "write", "--data", typo.toString()).code())
                .isZero();
        assertThat(Cli.run("stats", "--data", typo.toString()).code()).isZero();
    }

    /**
     * Store tickets of anonymous sales ("CONSUMIDOR FINAL" with the store's own phone) and one
     * customer who gave that phone too: she keeps a profile of her own, the anonymous tickets are
     * not joined to her nor to each other, and one that carries a document still finds its buyer.
     */
    @Test
    void anonymousSalesWithTheStoresPhoneJoinNobody() throws IOException {
        StringBuilder tickets = new StringBuilder("ticket,nombre,telefono,dni,ciudad,monto\n");
        for (int i = 1; i <= 12; i++) {
            tickets.append("CF-").append(i).append(",CONSUMIDOR FINAL,0341 425-1234,,Rosario,").append(100 * i).append('\n');
        }
        tickets.append("T-1,Ana Paz,0341 425-1234,30.123.456,Rosario,500\n");
        tickets.append("CF-99,Consumidor Final,0341 425-1234,30.123.456,Rosario,700\n");
        Path f = write("tickets.csv", tickets.toString());
        Cli.Result r = Cli.run("import", f.toString(), "--source", "tienda", "--id", "ticket", "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("first_name 13").contains("phone 13");
        String records = captureStdout("export", "records", "--data", data());
        java.util.Map<String, String> profileOf = new java.util.HashMap<>();
        for (String line : records.split("\n")) {
            String[] p = line.split(",");
            profileOf.put(p[1], p[2]);
        }
        assertThat(profileOf.get("CF-99")).as("the document finds her").isEqualTo(profileOf.get("T-1"));
        for (int i = 1; i <= 12; i++) {
            assertThat(profileOf.get("CF-" + i)).as("CF-" + i).isNotEqualTo(profileOf.get("T-1"));
        }
        assertThat(java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> profileOf.get("CF-" + i)).distinct())
                .as("anonymous sales are no one's").hasSize(12);
        assertThat(Cli.run("review", "list", "--data", data()).out()).contains("0 open");

        // a retailer's own names for an anonymous sale, in the placeholders file
        Path placeholders = write("placeholders.txt", "# our web shop's guest checkout\nname:Cliente Web\n");
        Path web = write("web.csv", "pedido,nombre,correo\nW-1,CLIENTE WEB,ventas@tienda.com.ar\n"
                + "W-2,Cliente  Web,ventas@tienda.com.ar\nW-3,Ana Paz,ventas@tienda.com.ar\n");
        Cli.Result guest = Cli.run("import", web.toString(), "--source", "web", "--id", "pedido", "--placeholders",
                placeholders.toString(), "--data", data());
        assertThat(guest.code()).as(guest.err()).isZero();
        assertThat(guest.out()).contains("first_name 2").contains("email 2");
        String after = captureStdout("export", "records", "--data", data());
        assertThat(after.lines().filter(l -> l.startsWith("web,")).map(l -> l.substring(l.lastIndexOf(',') + 1))
                .distinct().count()).as(after).isEqualTo(3);
        // a name added to the file later: `reprocess` applies it to the records stored before
        Path web2 = write("web2.csv", "pedido,nombre,correo\nV-1,Venta Rapida,caja@tienda.com.ar\n"
                + "V-2,VENTA RAPIDA,caja@tienda.com.ar\nV-3,Luis Gil,caja@tienda.com.ar\n");
        assertThat(Cli.run("import", web2.toString(), "--source", "caja", "--id", "pedido", "--data", data()).code())
                .isZero();
        assertThat(distinctProfiles("caja")).as("the two 'Venta Rapida' by their e-mail").isEqualTo(2);
        Path more = write("more.txt", "name:Venta Rapida\n");
        Cli.Result re = Cli.run("reprocess", "--source", "caja", "--placeholders", more.toString(), "--data", data());
        assertThat(re.code()).as(re.err()).isZero();
        assertThat(re.out()).contains("2 read differently and updated");
        assertThat(distinctProfiles("caja")).isEqualTo(3);

        Cli.Result bad = Cli.run("import", web.toString(), "--source", "web", "--placeholders",
                write("bad.txt", "name: ...\n").toString(), "--data", data());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("name entry needs letters");
    }

    private long distinctProfiles(String source) {
        return captureStdout("export", "records", "--data", data()).lines().filter(l -> l.startsWith(source + ","))
                .map(l -> l.substring(l.lastIndexOf(',') + 1)).distinct().count();
    }

    @Test
    void badUsageGetsAClearErrorNotAStackTrace() throws IOException {
        Path f = write("x.csv", "id,email\n1,a@b.com\n");
        Cli.Result r = Cli.run("import", f.toString(), "--source", "web", "--map", "correo=email", "--data", data());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--map correo=email: no column 'correo'");
        Cli.Result kind = Cli.run("import", f.toString(), "--source", "web", "--map", "email=mail", "--data", data());
        assertThat(kind.err()).contains("unknown field kind 'mail'");
        Cli.Result missing = Cli.run("import", dir.resolve("nope.csv").toString(), "--source", "web", "--data", data());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("file not found");
        Cli.Result notFound = Cli.run("profile", "--email", "nadie@x.com", "--data", data());
        assertThat(notFound.code()).isEqualTo(3);
        Cli.Result badEmail = Cli.run("profile", "--email", "nope", "--data", data());
        assertThat(badEmail.code()).isEqualTo(2);
        assertThat(badEmail.err()).contains("invalid email");
    }

    @Test
    void historyAndSubjectExportShowWhatIdemHolds() throws IOException {
        Path a = write("a.csv", "id,email,nombre,apellido,ciudad\n1,ana@x.com,Ana,Díaz,Rosario\n");
        Path b = write("b.csv", "id,celular,nombre,apellido\n1,011 15-4123-4567,ANA,DIAZ\n");
        Path c = write("c.csv", "id,email,celular,ciudad\n1,ana@x.com,11 4123 4567,Córdoba\n");
        assertThat(Cli.run("import", a.toString(), "--source", "fidelizacion", "--id", "id", "--data", data()).code())
                .isZero();
        assertThat(Cli.run("import", b.toString(), "--source", "tienda", "--id", "id", "--data", data()).code())
                .isZero();
        String before = captureStdout("export", "records", "--data", data());
        String merged = before.lines().filter(l -> l.startsWith("tienda,")).findFirst().orElseThrow().split(",")[2];
        assertThat(Cli.run("import", c.toString(), "--source", "ecommerce", "--id", "id", "--data", data()).code())
                .isZero();

        Cli.Result history = Cli.run("history", merged, "--data", data());
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).contains("merge").contains("import:ecommerce");

        Path out = dir.resolve("subject.json");
        Cli.Result export = Cli.run("subject-export", "--email", " ANA@x.com", "--out", out.toString(), "--data", data());
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        JsonNode profile = json.get("profiles").get(0);
        assertThat(profile.get("records")).hasSize(3);
        assertThat(profile.get("name").asText()).isEqualTo("Ana Díaz");
        assertThat(profile.get("golden").get("first_name").get("source").asText()).isEqualTo("fidelizacion");
        assertThat(profile.get("golden").get("city").get("value").asText()).isEqualTo("Córdoba");
        assertThat(profile.get("history").toString()).contains("merge");
        assertThat(json.get("requested_by").asText()).isEqualTo("email: ANA@x.com");
    }
}
