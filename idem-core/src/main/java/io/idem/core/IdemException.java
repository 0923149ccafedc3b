package io.idem.core;

/**
 * The one unchecked root of every error idem raises on purpose. Subclasses say which kind of
 * problem it is; the message says exactly what and where (file, line, column, field path).
 */
public class IdemException extends RuntimeException {
    public IdemException(String message) {
        super(message);
    }

    public IdemException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Bad input from a user: a malformed file, flag, row or value. */
    public static class InvalidInput extends IdemException {
        public InvalidInput(String message) {
            super(message);
        }
    }

    /** Bad configuration: the message quotes the exact setting path. */
    public static class Configuration extends IdemException {
        public Configuration(String message) {
            super(message);
        }
    }

    /** Something asked for does not exist (a profile id, a record key). */
    public static class NotFound extends IdemException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The data carries an identifier of a person who was erased: it is refused, never stored. */
    public static class Suppressed extends IdemException {
        public Suppressed(String message) {
            super(message);
        }
    }

    /** The storage backend failed; the cause carries the driver's error. */
    public static class Storage extends IdemException {
        public Storage(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A read run through {@link io.idem.core.store.Store#readWithoutWaiting} would have had to wait for writes
     * the store acknowledged but has not made readable yet. Control flow between the store and a
     * caller that must not block (the HTTP selector thread), which then runs the read elsewhere;
     * never shown to a user.
     */
    public static final class WouldWait extends IdemException {
        public WouldWait() {
            super("the read would wait for acknowledged writes");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // thrown on a hot path, caught one frame up: no stack trace needed
        }
    }
}
