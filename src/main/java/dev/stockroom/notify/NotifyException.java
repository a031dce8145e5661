package dev.stockroom.notify;

import dev.stockroom.config.Secrets;
import dev.stockroom.source.http.ApiClient;

/**
 * A notification was not delivered. Its message is logged, and so redacted by the console (the
 * log's exit point); {@link #isTransient()} says whether trying again soon could help (timeouts, 5xx, 429)
 * or not (a revoked webhook, a wrong chat id).
 */
public final class NotifyException extends Exception {

    private final boolean transientFault;

    public NotifyException(String message, boolean transientFault) {
        super(message);
        this.transientFault = transientFault;
    }

    public boolean isTransient() {
        return transientFault;
    }

    /** A failure after an HTTP answer: transient for the statuses the HTTP client retries (429, 5xx...). */
    static NotifyException fromStatus(String what, int status, String detail) {
        boolean again = ApiClient.retriesStatus(status);
        String text = detail == null || detail.isBlank() ? "" : ": " + shorten(detail.strip());
        return new NotifyException(what + " answered HTTP " + status + text, again);
    }

    static String shorten(String text) {
        // Redacted before it is cut: half a secret would not be recognised later.
        String oneLine = Secrets.redact(text).replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
