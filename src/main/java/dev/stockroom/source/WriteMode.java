package dev.stockroom.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a chunk's rows meet the rows already in the table (SPEC §4). */
public enum WriteMode {
    /** Upsert on the primary key. */
    MERGE,
    /** Insert rows whose key is absent; existing rows are left alone. */
    APPEND,
    /** Full refresh, swapped in atomically. */
    REPLACE,
    /** Delete the window's days and insert the fresh rows, in one transaction. */
    REPLACE_WINDOW;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean needsKey() {
        return this == MERGE;
    }

    public static Optional<WriteMode> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(text)).findFirst();
    }

    /** The mode a user would expect when they did not choose one. */
    public static WriteMode defaultFor(Incremental incremental, boolean hasKey, boolean hasDayField) {
        // Daily reports settle for days: their rows can change or vanish, so a window is replaced.
        if (incremental == Incremental.DAY_WINDOW && hasDayField) {
            return REPLACE_WINDOW;
        }
        if (hasKey) {
            return MERGE;
        }
        return switch (incremental) {
            case DAY_WINDOW -> APPEND;
            case FULL -> REPLACE;
            case CURSOR -> APPEND;
        };
    }
}
