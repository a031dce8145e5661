package dev.stockroom.dashboard;

import java.util.Arrays;
import java.util.Optional;

/** The time grain a page's charts aggregate to; {@code {{grain}}} in queries. */
public enum Grain {
    DAY, WEEK, MONTH;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Grain> of(String word) {
        return Arrays.stream(values()).filter(g -> g.word().equals(word)).findFirst();
    }
}
