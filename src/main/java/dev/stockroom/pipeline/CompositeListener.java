package dev.stockroom.pipeline;

import java.util.List;
import java.util.function.Consumer;

/** Delivers each event to every listener, isolating their failures from the run and each other. */
final class CompositeListener implements RunListener {

    private static final System.Logger LOG = System.getLogger(CompositeListener.class.getName());
    private final List<RunListener> listeners;

    CompositeListener(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<RunListener> event) {
        for (RunListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a run listener failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void runStarted(String runId) {
        each(l -> l.runStarted(runId));
    }

    @Override
    public void streamStarted(String source, String stream, StreamPlan plan) {
        each(l -> l.streamStarted(source, stream, plan));
    }

    @Override
    public void pageFetched(String source, String stream, String description) {
        each(l -> l.pageFetched(source, stream, description));
    }

    @Override
    public void rowsRead(String source, String stream, long rowsSoFar) {
        each(l -> l.rowsRead(source, stream, rowsSoFar));
    }

    @Override
    public void chunkCommitted(String source, String stream, String chunk, long rowsWritten) {
        each(l -> l.chunkCommitted(source, stream, chunk, rowsWritten));
    }

    @Override
    public void streamFinished(StreamResult result) {
        each(l -> l.streamFinished(result));
    }

    @Override
    public void runFinished(RunSummary summary) {
        each(l -> l.runFinished(summary));
    }
}
