package io.idem.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.RecordCodec;
import io.idem.core.store.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Journal entries: what is encoded decodes the same, and entries an older idem journaled still replay. */
class ChangeSetCodecTest {
    private static final SourceRecord WEB1 = new SourceRecord(new RecordKey("web", "1"),
            List.of(new Field("email", FieldKind.EMAIL, "ana@x.com", "ana@x.com", null)), 7L);

    @Test
    void aChangeSetWithLinksRoundTrips() {
        ChangeSet cs = new ChangeSet(List.of(new StoredRecord(WEB1, "P1", "k1", "2;ab:3f800000")),
                List.of(new StoredRecord(WEB1, "P1", "k1", null)), Map.of(new RecordKey("web", "2"), "P2"), Map.of(),
                List.of(), List.of(), null, List.of(), Map.of(new RecordKey("web", "3"), "3"));
        assertThat(ChangeSetCodec.decode(ChangeSetCodec.encode(List.of(cs)))).containsExactly(cs);
    }

    /** The layout of format 1, written here as idem wrote it before links: no links anywhere. */
    @Test
    void anEntryOfFormatOneDecodesWithLinksNotKnown() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(1); // one change set
            out.writeInt(1); // records
            string(out, "web");
            string(out, "1");
            out.writeLong(7L);
            string(out, RecordCodec.encode(WEB1.fields()));
            string(out, "P1");
            string(out, "k1");
            out.writeInt(0); // replacements
            out.writeInt(1); // moves
            string(out, "web");
            string(out, "2");
            string(out, "P2");
            for (int i = 0; i < 3; i++) {
                out.writeInt(0); // aliases, log, flags
            }
            out.writeBoolean(false); // no run
            out.writeInt(0); // reviews
        }
        ChangeSet expected = new ChangeSet(List.of(new StoredRecord(WEB1, "P1", "k1")), List.of(),
                Map.of(new RecordKey("web", "2"), "P2"), Map.of(), List.of(), List.of(), null, List.of());
        assertThat(ChangeSetCodec.decode(bytes.toByteArray())).containsExactly(expected);
        assertThat(expected.records().get(0).links()).isNull();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
