package io.idem.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Headers;
import io.idem.core.normalize.Normalizers;
import io.idem.core.store.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one identify, track or alias call (Segment-spec JSON plus idem's {@code identifiers} and
 * {@code source}) into a normalised record, or refuses it with the JSON path of the first bad field.
 * Thread-safe.
 *
 * <p>Mapping: {@code userId} is a customer id, {@code anonymousId} and {@code context.device.id}
 * device ids, {@code identifiers.KIND} any identifier kind; {@code traits} keys are read like import
 * headers ({@code email}, {@code phone}, {@code firstName}, {@code address.city}, ...), other traits
 * are kept as attributes. A track call's {@code event}, {@code timestamp} and {@code
 * properties.revenue|total|amount|value} are the event fields; other properties are attributes. An
 * alias links {@code previousId} (an anonymous id) to {@code userId}.
 */
final class Calls {

    /** The kinds of call. */
    enum Type {
        IDENTIFY, TRACK, ALIAS;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type parse(String text) {
            for (Type t : values()) {
                if (t.key().equals(text)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Segment fields idem accepts and does not use. */
    private static final Set<String> IGNORED = Set.of("type", "sentAt", "receivedAt", "originalTimestamp",
            "integrations", "version", "channel", "writeKey", "_metadata");
    private static final Set<String> COMMON = Set.of("messageId", "userId", "anonymousId", "traits", "identifiers",
            "timestamp", "context", "source");
    private static final Set<String> TRACK_ONLY = Set.of("event", "properties");
    private static final Set<String> ALIAS_ONLY = Set.of("previousId");
    private static final List<String> AMOUNT_KEYS = List.of("revenue", "total", "amount", "value");
    private static final int MAX_DEPTH = 4;

    private final Normalizers normalizers;
    private final Limits limits;

    Calls(Normalizers normalizers, Limits limits) {
        this.normalizers = normalizers;
        this.limits = limits;
    }

    /**
     * @param path the JSON path of the call ({@code $} or {@code $.batch[3]})
     * @param keySource the source the API key writes as, or empty
     */
    SourceRecord parse(Type type, JsonNode call, String path, String keySource, long now) {
        if (call == null || !call.isObject()) {
            throw ApiError.invalid(path, "expected a JSON object");
        }
        Builder b = new Builder(path);
        for (Iterator<String> it = call.fieldNames(); it.hasNext();) {
            String name = it.next();
            boolean known = COMMON.contains(name) || IGNORED.contains(name)
                    || (type == Type.TRACK && TRACK_ONLY.contains(name))
                    || (type == Type.ALIAS && ALIAS_ONLY.contains(name));
            if (!known) {
                throw ApiError.invalid(path + "." + name, "unknown field '" + name + "' in a " + type.key() + " call");
            }
        }
        JsonNode typeNode = call.get("type");
        if (typeNode != null && !typeNode.isNull() && !type.key().equals(scalar(typeNode, path + ".type"))) {
            throw ApiError.invalid(path + ".type", "expected '" + type.key() + "'");
        }
        String source = source(call.get("source"), path + ".source", keySource);
        b.identifier("userId", FieldKind.CUSTOMER_ID, call.get("userId"));
        b.identifier(type == Type.ALIAS ? "previousId" : "anonymousId", FieldKind.DEVICE_ID,
                call.get(type == Type.ALIAS ? "previousId" : "anonymousId"));
        if (type == Type.ALIAS) {
            requirePresent(call, "previousId", path);
            requirePresent(call, "userId", path);
        }
        identifiers(b, call.get("identifiers"));
        traits(b, call.get("traits"), "traits");
        JsonNode context = call.get("context");
        if (context != null && !context.isNull()) {
            object(context, path + ".context");
            checkDepth(context, path + ".context", 1);
            JsonNode device = context.get("device");
            if (device != null && device.isObject()) {
                b.identifier("context.device.id", FieldKind.DEVICE_ID, device.get("id"));
            }
            traits(b, context.get("traits"), "context.traits");
        }
        if (type == Type.TRACK) {
            JsonNode event = call.get("event");
            if (event == null || event.isNull() || scalar(event, path + ".event").isBlank()) {
                throw ApiError.invalid(path + ".event", "a track call needs an event name");
            }
            b.field("event", FieldKind.EVENT, event);
            properties(b, call.get("properties"));
        }
        JsonNode ts = call.get("timestamp");
        if (ts != null && !ts.isNull()) {
            b.validField("timestamp", FieldKind.TIMESTAMP, ts);
        }
        if (b.identifiers == 0) {
            throw ApiError.invalid(path, "no identifier: send userId, anonymousId, context.device.id,"
                    + " identifiers.KIND or an identifying trait (email, phone, document, ...)");
        }
        if (b.fields.size() > limits.maxFields()) {
            throw ApiError.invalid(path, "too many values (" + b.fields.size() + "); at most " + limits.maxFields());
        }
        String recordId = recordId(type, call.get("messageId"), path, b.fields);
        return new SourceRecord(new RecordKey(source, recordId), io.idem.core.normalize.AnonymousSale.mark(b.fields, normalizers.anonymousNames()),
                now);
    }

    private void requirePresent(JsonNode call, String name, String path) {
        JsonNode n = call.get(name);
        if (n == null || n.isNull()) {
            throw ApiError.invalid(path + "." + name, "an alias call needs " + name);
        }
    }

    private String source(JsonNode node, String path, String keySource) {
        if (node == null || node.isNull()) {
            return keySource.isEmpty() ? "api" : keySource;
        }
        String s = scalar(node, path);
        if (!s.matches("[A-Za-z0-9_.-]{1," + limits.maxIdLength() + "}")) {
            throw ApiError.invalid(path, "a source is 1-" + limits.maxIdLength() + " letters, digits, '_', '.' or '-'");
        }
        if (!keySource.isEmpty() && !keySource.equals(s)) {
            throw new ApiError(403, "forbidden", path, "this API key writes as source '" + keySource + "'");
        }
        return s;
    }

    private String recordId(Type type, JsonNode messageId, String path, List<Field> fields) {
        if (messageId != null && !messageId.isNull()) {
            String id = scalar(messageId, path + ".messageId");
            if (id.isBlank() || id.length() > limits.maxIdLength()) {
                throw ApiError.invalid(path + ".messageId", "a messageId is 1-" + limits.maxIdLength() + " characters");
            }
            return id;
        }
        if (type == Type.TRACK) {
            // two identical events are two events
            return "track-" + UUID.randomUUID();
        }
        // an identify or alias says who someone is: the same statement twice is one record
        return type.key() + "-" + digest(RecordCodec.encode(fields));
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void identifiers(Builder b, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        object(node, b.path + ".identifiers");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldKind kind = identifierKind(e.getKey());
            String column = "identifiers." + e.getKey();
            if (kind == null) {
                throw ApiError.invalid(b.path + "." + column, "unknown identifier kind '" + e.getKey()
                        + "'; expected email, phone, document, loyalty_id, customer_id, device_id or social_id");
            }
            if (e.getValue().isArray()) {
                for (int i = 0; i < e.getValue().size(); i++) {
                    b.identifier(column + "[" + i + "]", kind, e.getValue().get(i));
                }
            } else {
                b.identifier(column, kind, e.getValue());
            }
        }
    }

    private static FieldKind identifierKind(String key) {
        for (FieldKind k : FieldKind.values()) {
            if (k.isIdentifier() && k.key().equals(key)) {
                return k;
            }
        }
        return null;
    }

    private void traits(Builder b, JsonNode node, String prefix) {
        if (node == null || node.isNull()) {
            return;
        }
        object(node, b.path + "." + prefix);
        checkDepth(node, b.path + "." + prefix, 1);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String column = prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isObject() && e.getKey().equals("address")) {
                traits(b, v, column);
                continue;
            }
            FieldKind kind = v.isContainerNode() || e.getKey().equals("id") ? FieldKind.ATTRIBUTE
                    : Headers.kindFor(e.getKey());
            if (kind == FieldKind.IGNORE || kind.group() == FieldKind.Group.EVENT) {
                kind = FieldKind.ATTRIBUTE;
            }
            if (kind.isIdentifier()) {
                b.identifier(column, kind, v);
            } else {
                b.field(column, kind, v);
            }
        }
    }

    private void properties(Builder b, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        object(node, b.path + ".properties");
        checkDepth(node, b.path + ".properties", 1);
        boolean amount = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String column = "properties." + e.getKey();
            if (e.getValue().isNull()) {
                continue;
            }
            if (!amount && AMOUNT_KEYS.contains(e.getKey()) && e.getValue().isValueNode()) {
                b.validField(column, FieldKind.AMOUNT, e.getValue());
                amount = true;
            } else {
                b.field(column, FieldKind.ATTRIBUTE, e.getValue());
            }
        }
    }

    private static void object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw ApiError.invalid(path, "expected an object, got " + describe(node));
        }
    }

    private static void checkDepth(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiError.invalid(path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                checkDepth(e.getValue(), path + "." + e.getKey(), depth + 1);
            }
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                checkDepth(node.get(i), path + "[" + i + "]", depth + 1);
            }
        }
    }

    /** A string, number or boolean as text; anything else is refused. */
    private String scalar(JsonNode node, String path) {
        if (!(node.isTextual() || node.isNumber() || node.isBoolean())) {
            throw ApiError.invalid(path, "expected a string, got " + describe(node));
        }
        return checkText(node.asText(), path);
    }

    private String checkText(String s, String path) {
        if (s.length() > limits.maxStringLength()) {
            throw ApiError.invalid(path, "longer than " + limits.maxStringLength() + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw ApiError.invalid(path, "control character U+" + String.format("%04X", (int) c) + " not allowed");
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                throw ApiError.invalid(path, "not valid Unicode (a lone surrogate)");
            }
        }
        return s;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case NULL -> "null";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Collects the fields of one call. */
    private final class Builder {
        final String path;
        final List<Field> fields = new ArrayList<>();
        int identifiers;

        Builder(String path) {
            this.path = path;
        }

        /** An identifier: when present it must be valid (else 400 with the normaliser's reason). */
        void identifier(String column, FieldKind kind, JsonNode value) {
            if (value == null || value.isNull()) {
                return;
            }
            Field f = validField(column, kind, value);
            if (f != null) {
                identifiers++;
            }
        }

        /** A value that must normalise (identifiers, timestamps, amounts). */
        Field validField(String column, FieldKind kind, JsonNode value) {
            String raw = scalar(value, path + "." + column);
            if (raw.isBlank()) {
                return null;
            }
            Field f = normalizers.field(column, kind, raw);
            if (!f.valid()) {
                throw ApiError.invalid(path + "." + column, f.problem() == null ? "empty " + kind.key() : f.problem());
            }
            fields.add(f);
            return f;
        }

        /** A descriptive value: kept as received with its problem, like an import keeps it. */
        void field(String column, FieldKind kind, JsonNode value) {
            String raw = value.isContainerNode() ? checkText(value.toString(), path + "." + column)
                    : scalar(value, path + "." + column);
            if (!raw.isBlank()) {
                fields.add(normalizers.field(column, kind, raw));
            }
        }
    }
}
