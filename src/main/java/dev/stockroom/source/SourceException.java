package dev.stockroom.source;

/**
 * A failure a source can explain: the message says what went wrong, where, and what to do. It
 * never contains a secret.
 */
public class SourceException extends Exception {

    private final boolean transientFault;

    public SourceException(String message, boolean transientFault, Throwable cause) {
        super(message, cause);
        this.transientFault = transientFault;
    }

    public SourceException(String message) {
        this(message, false, null);
    }

    /** A fault that will likely fix itself on the next run (timeouts, 5xx, rate limits). */
    public static SourceException transientFault(String message, Throwable cause) {
        return new SourceException(message, true, cause);
    }

    /** A fault the owner must fix (credentials, permissions, a changed API, bad data). */
    public static SourceException permanent(String message, Throwable cause) {
        return new SourceException(message, false, cause);
    }

    public boolean isTransient() {
        return transientFault;
    }
}
