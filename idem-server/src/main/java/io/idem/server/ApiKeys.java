package io.idem.server;

import io.idem.core.IdemException;
import io.idem.core.store.ApiKey;
import io.idem.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: {@code idem_} followed by 32 random bytes (base64url). Only the SHA-256 of a key is
 * stored; the key itself is shown once, when created. Scopes: {@code write} (POST calls, optionally
 * tied to one source) and {@code read} (GET calls).
 */
public final class ApiKeys {
    public static final String WRITE = "write";
    public static final String READ = "read";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final ConcurrentHashMap<String, ApiKey> known = new ConcurrentHashMap<>();

    ApiKeys(Store store) {
        this.store = store;
    }

    /** Creates and stores a key; returns the secret, which is not kept anywhere. */
    public static String create(Store store, String name, String scope, String source) {
        if (name == null || !name.matches("[A-Za-z0-9_.@ -]{1,100}")) {
            throw new IdemException.InvalidInput("--name: 1-100 letters, digits, spaces, '_', '.', '@' or '-'");
        }
        if (!WRITE.equals(scope) && !READ.equals(scope)) {
            throw new IdemException.InvalidInput("--scope must be write or read, got '" + scope + "'");
        }
        String src = source == null ? "" : source;
        if (!src.isEmpty() && READ.equals(scope)) {
            throw new IdemException.InvalidInput("--source applies to write keys only");
        }
        if (!src.isEmpty() && !src.matches("[A-Za-z0-9_.-]{1,200}")) {
            throw new IdemException.InvalidInput("--source: 1-200 letters, digits, '_', '.' or '-'");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "idem_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store.putApiKey(new ApiKey(hash(key), name, scope, src, System.currentTimeMillis()));
        return key;
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the key sent in an {@code Authorization} header value is known without asking the
     * store (so checking it does not block). A missing or malformed value counts as known: checking
     * it refuses it at once.
     */
    boolean known(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return true;
        }
        String key = authorization.substring("Bearer ".length()).trim();
        return key.isEmpty() || key.length() > 200 || known.containsKey(hash(key));
    }

    /**
     * The key sent in an {@code Authorization} header value, checked for a scope: 401 when missing or
     * unknown, 403 when its scope is another.
     */
    ApiKey check(String authorization, String scope) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiError(401, "unauthorized", null, "send an API key: Authorization: Bearer KEY");
        }
        String key = authorization.substring("Bearer ".length()).trim();
        if (key.isEmpty() || key.length() > 200) {
            throw new ApiError(401, "unauthorized", null, "unknown API key");
        }
        String h = hash(key);
        ApiKey found = known.get(h);
        if (found == null) {
            Optional<ApiKey> stored = store.apiKey(h);
            if (stored.isEmpty()) {
                throw new ApiError(401, "unauthorized", null, "unknown API key");
            }
            found = stored.get();
            known.put(h, found);
        }
        if (!found.scope().equals(scope)) {
            throw new ApiError(403, "forbidden", null, "this API key has scope '" + found.scope() + "'; this call needs '"
                    + scope + "'");
        }
        return found;
    }
}
