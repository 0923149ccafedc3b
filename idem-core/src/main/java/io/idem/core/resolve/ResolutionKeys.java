package io.idem.core.resolve;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.SourceRecord;
import io.idem.core.match.MatchRecord;
import io.idem.core.normalize.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * What resolution needs of a record, small enough to keep a million in memory and to store beside
 * each record so the engine loads without decoding whole records.
 *
 * @param contentHash a 64-bit hash of the record's fields as received and as normalised, to detect
 *     re-imports (a value read differently, by another region or version, is a change)
 * @param ids every valid identifier as {@code kind:value}, sorted (placeholders included; the
 *     blocklist is applied when the keys are used, so changing it takes effect on the next start)
 * @param nameTokens the comparison-form tokens of the person's name, sorted and distinct
 * @param match what fuzzy matching compares ({@link MatchRecord#encode}); empty in keys written
 *     before fuzzy matching existed, which then compare as records without person data
 * @param event whether the record carries a valid event (a purchase, a visit): what the
 *     reconciliation rate counts without opening the record; {@code null} in keys written before
 *     this was kept
 */
public record ResolutionKeys(long contentHash, String[] ids, String[] nameTokens, String match, Boolean event) {
    private static final char SEP = '\u001E';
    private static final char ITEM = '\u001F';

    public static ResolutionKeys of(SourceRecord record) {
        List<Identifier> identifiers = record.identifiers();
        String[] ids = new String[identifiers.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = sanitize(identifiers.get(i).key());
        }
        return new ResolutionKeys(contentHash(record), ids, nameTokens(record), MatchRecord.of(record).encode(),
                record.first(FieldKind.EVENT) != null);
    }

    public String encode() {
        StringBuilder sb = new StringBuilder(64);
        sb.append(Long.toHexString(contentHash)).append(SEP);
        join(sb, ids);
        sb.append(SEP);
        join(sb, nameTokens);
        sb.append(SEP).append(match);
        if (event != null) {
            sb.append(SEP).append(event ? 'e' : '-');
        }
        return sb.toString();
    }

    public static ResolutionKeys decode(String text) {
        int a = text.indexOf(SEP);
        int b = text.indexOf(SEP, a + 1);
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("corrupt resolution keys: '" + text + "'");
        }
        long hash = Long.parseUnsignedLong(text.substring(0, a), 16);
        int c = text.indexOf(SEP, b + 1);
        int end = c < 0 ? text.length() : c;
        // the event flag came later, after the comparison fields: absent in older keys
        int d = c < 0 ? -1 : text.indexOf(SEP, c + 1);
        Boolean event = d < 0 || d + 1 >= text.length() ? null : text.charAt(d + 1) == 'e';
        return new ResolutionKeys(hash, split(text, a + 1, b), split(text, b + 1, end),
                c < 0 ? "" : text.substring(c + 1, d < 0 ? text.length() : d), event);
    }

    private static void join(StringBuilder sb, String[] items) {
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(ITEM);
            }
            sb.append(items[i]);
        }
    }

    private static String[] split(String text, int from, int to) {
        if (from >= to) {
            return new String[0];
        }
        List<String> out = new ArrayList<>(4);
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == ITEM) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return out.toArray(String[]::new);
    }

    private static String sanitize(String s) {
        return s.indexOf(SEP) < 0 && s.indexOf(ITEM) < 0 ? s : s.replace(SEP, '\uFFFD').replace(ITEM, '\uFFFD');
    }

    static String[] nameTokens(SourceRecord record) {
        StringBuilder sb = new StringBuilder();
        for (Field f : record.fields()) {
            FieldKind k = f.kind();
            if ((k == FieldKind.FIRST_NAME || k == FieldKind.LAST_NAME || k == FieldKind.FULL_NAME) && f.valid()) {
                sb.append(' ').append(f.normalized());
            }
        }
        if (sb.length() == 0) {
            return new String[0];
        }
        String form = Names.comparisonForm(sb.toString());
        if (form.isEmpty()) {
            return new String[0];
        }
        return new TreeSet<>(Arrays.asList(form.split(" "))).stream().map(ResolutionKeys::sanitize)
                .toArray(String[]::new);
    }

    static long contentHash(SourceRecord record) {
        long h = 1125899906842597L;
        for (Field f : record.fields()) {
            h = mix(h, f.column());
            h = mix(h, f.kind().name());
            h = mix(h, f.raw());
            // the normalised value too: a re-import with another --region, or by a version of idem
            // that reads a value better (DNI 30.123.456, a phone with a note), or a partner's digest
            // whose plain value became known, is a new version of the record, not "unchanged"
            if (f.normalized() != null) {
                h = mix(h, f.normalized());
            }
            // a value marked as an anonymous sale's is another version of the record, so that
            // `reprocess` (or a re-import) applies the rule to records stored before it; other
            // problems are not mixed in, which keeps older records' hashes as they were
            if (io.idem.core.normalize.AnonymousSale.marked(f)) {
                h = mix(h, f.problem());
            }
        }
        return h;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        h ^= (h >>> 29);
        h *= 0xbf58476d1ce4e5b9L;
        return 31 * h + 0x1f;
    }
}
