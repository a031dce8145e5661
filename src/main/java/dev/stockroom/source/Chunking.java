package dev.stockroom.source;

/** How a day window is cut into chunks that each commit atomically with their state. */
public enum Chunking {
    DAY, MONTH
}
