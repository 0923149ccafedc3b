package io.idem.core.resolve;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import java.util.ArrayList;
import java.util.List;

/** Builds normalised records for tests: {@code rec("web:1", "email", "ana@x.com", "first_name", "Ana")}. */
final class Records {
    private static final Normalizers NORMALIZERS = new Normalizers("AR");

    private Records() {
    }

    static SourceRecord rec(String key, String... kindValue) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < kindValue.length; i += 2) {
            FieldKind kind = FieldKind.parse(kindValue[i]);
            fields.add(NORMALIZERS.field(kindValue[i], kind, kindValue[i + 1]));
        }
        return new SourceRecord(RecordKey.parse(key), fields, 0);
    }
}
