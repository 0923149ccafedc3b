package io.idem.core.store;

import java.util.Objects;

/**
 * An API key as stored: only the SHA-256 of the secret is kept, never the secret itself.
 *
 * @param hash lower-case hex SHA-256 of the key as sent in {@code Authorization: Bearer KEY}
 * @param name a label for people, e.g. {@code web-shop}
 * @param scope {@code write} or {@code read}
 * @param source the source a write key writes as, or empty
 * @param createdAt epoch millis
 */
public record ApiKey(String hash, String name, String scope, String source, long createdAt) {
    public ApiKey {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        source = source == null ? "" : source;
    }
}
