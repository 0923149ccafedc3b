package io.idem.server;

import io.idem.core.IdemException;

/**
 * An error answered to the client with a status, a stable code and, for bad input, the JSON path of
 * the offending field (e.g. {@code $.batch[3].traits.email}). Mapped to a response in one place
 * ({@link Server}).
 */
public final class ApiError extends IdemException {
    private final int status;
    private final String code;
    private final String path;

    public ApiError(int status, String code, String path, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.path = path;
    }

    /** A validation error at a JSON path. */
    public static ApiError invalid(String path, String message) {
        return new ApiError(400, "invalid", path, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON path of the bad field, or {@code null}. */
    public String path() {
        return path;
    }
}
