package dev.stockroom.schedule;

import dev.stockroom.pipeline.RunSummary;

/** Runs one source, as {@code stockroom sync SOURCE} would. How is not the scheduler's business. */
@FunctionalInterface
public interface JobRunner {

    /**
     * @return the run's summary, or {@code null} when the runner has none
     * @throws Exception when the run could not be carried out; reported to the listener, and the
     *                   source runs again at its next fire time
     */
    RunSummary run(String source) throws Exception;
}
