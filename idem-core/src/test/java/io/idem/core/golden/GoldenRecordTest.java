package io.idem.core.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoldenRecordTest {

    /** A record with one attribute value, received at {@code at}. */
    static SourceRecord rec(String source, String id, long at, FieldKind kind, String value) {
        return new SourceRecord(new RecordKey(source, id), List.of(new Field(kind.key(), kind, value, value, null)), at);
    }

    /**
     * Four records disagree on an attribute:
     * tienda:1 "Monica" at t=1, tienda:2 "Monica" at t=2, concurso:1 "Mónica Beatriz" at t=4,
     * fidelizacion:1 "Mónica" at t=3.
     */
    static List<SourceRecord> disagreeing(FieldKind kind) {
        return List.of(rec("tienda", "1", 1, kind, "Monica"), rec("tienda", "2", 2, kind, "Monica"),
                rec("concurso", "1", 4, kind, "Mónica Beatriz"), rec("fidelizacion", "1", 3, kind, "Mónica"));
    }

    @ParameterizedTest
    @CsvSource({
        "most_recent,     Mónica Beatriz, concurso,     1",
        "most_frequent,   Monica,         tienda,       2",
        "source_priority, Mónica,         fidelizacion, 1",
        "most_complete,   Mónica Beatriz, concurso,     1",
    })
    void eachRuleChoosesItsValueWithProvenance(String rule, String value, String source, int records) {
        SurvivorshipConfig config = new SurvivorshipConfig(Map.of(FieldKind.FIRST_NAME, Rule.parse(rule, "test")),
                Rule.MOST_RECENT, List.of("fidelizacion", "ecommerce", "tienda"));
        GoldenRecord.Value v = GoldenRecord.of(disagreeing(FieldKind.FIRST_NAME), config).get("first_name");
        assertThat(v.value()).isEqualTo(value);
        assertThat(v.source()).isEqualTo(source);
        assertThat(v.rule()).isEqualTo(rule);
        assertThat(v.records()).isEqualTo(records);
        assertThat(v.alternatives()).isEqualTo(2);
    }

    @Test
    void theChoiceDoesNotDependOnRecordOrder() {
        SurvivorshipConfig config = SurvivorshipConfig.defaults();
        List<SourceRecord> records = new ArrayList<>(disagreeing(FieldKind.CITY));
        records.addAll(disagreeing(FieldKind.BIRTH_DATE));
        Map<String, GoldenRecord.Value> reference = GoldenRecord.of(records, config);
        for (int seed = 0; seed < 20; seed++) {
            Collections.shuffle(records, new java.util.Random(seed));
            assertThat(GoldenRecord.of(records, config)).isEqualTo(reference);
        }
    }

    @Test
    void tiesFallBackToSourcePriorityThenRecency() {
        SurvivorshipConfig config = SurvivorshipConfig.defaults();
        // most_frequent for birth dates: one vote each, so the most trusted source wins
        List<SourceRecord> records = List.of(rec("tienda", "1", 9, FieldKind.BIRTH_DATE, "1980-05-02"),
                rec("ecommerce", "1", 1, FieldKind.BIRTH_DATE, "1980-02-05"));
        assertThat(GoldenRecord.of(records, config).get("birth_date").value()).isEqualTo("1980-02-05");
    }

    @Test
    void anEventTimestampBeatsTheTimeOfImport() {
        SourceRecord old = new SourceRecord(new RecordKey("tienda", "1"), List.of(
                new Field("ciudad", FieldKind.CITY, "Rosario", "Rosario", null),
                new Field("fecha", FieldKind.TIMESTAMP, "2020-01-01", "2020-01-01T00:00:00Z", null)), 9_999_999_999_999L);
        SourceRecord recent = new SourceRecord(new RecordKey("ecommerce", "1"), List.of(
                new Field("ciudad", FieldKind.CITY, "Córdoba", "Córdoba", null),
                new Field("fecha", FieldKind.TIMESTAMP, "2024-01-01", "2024-01-01T00:00:00Z", null)), 1);
        GoldenRecord.Value city = GoldenRecord.of(List.of(old, recent), SurvivorshipConfig.defaults()).get("city");
        assertThat(city.value()).isEqualTo("Córdoba");
        assertThat(city.at()).isEqualTo(java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
    }

    @TempDir
    Path dir;

    @Test
    void configFileOverridesDefaultsAndErrorsNameFileAndLine() throws IOException {
        Path f = dir.resolve("survivorship.conf");
        Files.writeString(f, "# rules\nsource_priority = ecommerce, fidelizacion\nfirst_name = most_frequent\n"
                + "default = most_complete\n");
        SurvivorshipConfig c = SurvivorshipConfig.load(f);
        assertThat(c.sourcePriority()).containsExactly("ecommerce", "fidelizacion");
        assertThat(c.ruleFor(FieldKind.FIRST_NAME)).isEqualTo(Rule.MOST_FREQUENT);
        assertThat(c.ruleFor(FieldKind.BIRTH_DATE)).isEqualTo(Rule.MOST_FREQUENT);
        assertThat(c.ruleFor(FieldKind.GENDER)).isEqualTo(Rule.MOST_FREQUENT);
        Files.writeString(f, "first_name = newest\n");
        assertThatThrownBy(() -> SurvivorshipConfig.load(f)).isInstanceOf(IdemException.Configuration.class)
                .hasMessageContaining(f + ":1 'first_name': unknown rule 'newest'");
        Files.writeString(f, "\n\nemail = most_recent\n");
        assertThatThrownBy(() -> SurvivorshipConfig.load(f)).hasMessageContaining(":3: 'email' is not a person attribute");
        Files.writeString(f, "nombre = most_recent\n");
        assertThatThrownBy(() -> SurvivorshipConfig.load(f)).hasMessageContaining(":1: unknown attribute 'nombre'");
    }
}
