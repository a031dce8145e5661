package dev.stockroom.source;

/** How a stream is read incrementally. */
public enum Incremental {
    /** Daily reports: read a window of whole days in the source's timezone (GA4, Plausible). */
    DAY_WINDOW,
    /** Records after a saved cursor (an updated_at column, an event id, the set of loaded files). */
    CURSOR,
    /** Read whole on every run (small dimension tables: newsletters, tags). */
    FULL
}
