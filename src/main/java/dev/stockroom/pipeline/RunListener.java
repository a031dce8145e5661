package dev.stockroom.pipeline;

/**
 * The phases of a run, for whoever wants to follow it: the progress display, notifications,
 * metrics. Every method is a no-op by default; subscribers override what they need.
 */
public interface RunListener {

    default void runStarted(String runId) {
    }

    default void streamStarted(String source, String stream, StreamPlan plan) {
    }

    default void pageFetched(String source, String stream, String description) {
    }

    default void rowsRead(String source, String stream, long rowsSoFar) {
    }

    default void chunkCommitted(String source, String stream, String chunk, long rowsWritten) {
    }

    default void streamFinished(StreamResult result) {
    }

    default void runFinished(RunSummary summary) {
    }

    /** Fans one event out to many listeners; a listener that throws does not stop the run. */
    static RunListener all(java.util.List<RunListener> listeners) {
        return new CompositeListener(listeners);
    }
}
