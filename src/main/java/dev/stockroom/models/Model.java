package dev.stockroom.models;

import java.nio.file.Path;
import java.util.Set;

/**
 * One {@code models/NAME.sql} file: a SELECT materialized as {@code analytics.NAME}.
 *
 * @param reads the other models it reads ({@code analytics.x}), which build before it
 */
public record Model(String name, Path file, String sql, Set<String> reads) {

    public Model {
        reads = Set.copyOf(reads);
    }
}
