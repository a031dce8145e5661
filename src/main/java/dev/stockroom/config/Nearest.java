package dev.stockroom.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the valid word nearest to a typo, for "did you mean ...?" hints. */
public final class Nearest {

    private Nearest() {
    }

    public static Optional<String> to(String typo, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt((String c) -> distance(typo, c)).thenComparing(c -> c))
                .filter(best -> distance(typo, best) <= Math.max(2, best.length() / 2));
    }

    /** " (did you mean 'x'?)" or "" when nothing is close. */
    public static String hint(String typo, Collection<String> candidates) {
        return to(typo, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    static int distance(String a, String b) {
        a = a.toLowerCase();
        b = b.toLowerCase();
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
