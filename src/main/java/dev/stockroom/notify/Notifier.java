package dev.stockroom.notify;

import dev.stockroom.pipeline.RunSummary;

/**
 * One place the owner hears from Stockroom: a chat, a webhook, a ping URL. Implementations
 * throw {@link NotifyException} with a secret-free reason; {@link Notifiers} logs it, retries
 * transient failures a little and never lets a failed notification fail the run.
 */
public interface Notifier {

    /** A name safe to log: the notifier type and at most a host, never a token or full URL. */
    String name();

    /** A run begins. Most notifiers ignore this; ping monitors start their timer. */
    default void runStarted() throws NotifyException {
    }

    /** A run ended: one message with per-stream rows and status, and for failures what to do. */
    void runFinished(RunSummary summary) throws NotifyException;

    /** A free-form alert such as "stream web.pages is stale since 2024-05-01" or "recovered". */
    void sendText(String subject, String body) throws NotifyException;
}
