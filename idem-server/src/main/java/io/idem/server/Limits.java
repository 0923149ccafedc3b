package io.idem.server;

/**
 * What one request may carry. Past these the request is refused (413 for size, 400 otherwise) and
 * nothing is written.
 *
 * @param maxBodyBytes body size of any request
 * @param maxBatch calls in one {@code /v1/batch}
 * @param maxStringLength characters in one value
 * @param maxFields values (identifiers, traits, properties) in one call
 * @param maxIdLength characters in a record id ({@code messageId}) or source name
 */
public record Limits(int maxBodyBytes, int maxBatch, int maxStringLength, int maxFields, int maxIdLength) {
    public static Limits defaults() {
        return new Limits(1 << 20, 500, 1_000, 200, 200);
    }
}
