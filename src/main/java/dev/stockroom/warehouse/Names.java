package dev.stockroom.warehouse;

import java.text.Normalizer;
import java.util.Locale;

/** Turns vendors' field names into snake_case column names that every database accepts unquoted. */
public final class Names {

    private Names() {
    }

    /** {@code pagePath} → {@code page_path}, {@code Page Views} → {@code page_views}, {@code 2xx} → {@code _2xx}. */
    public static String snakeCase(String original) {
        String ascii = Normalizer.normalize(original, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String spaced = ascii
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
        String snake = spaced.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (snake.isEmpty()) {
            snake = "field";
        }
        if (Character.isDigit(snake.charAt(0))) {
            snake = "_" + snake;
        }
        return snake.length() > 60 ? snake.substring(0, 60) : snake;
    }
}
