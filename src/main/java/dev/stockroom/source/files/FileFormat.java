package dev.stockroom.source.files;

import java.util.Locale;
import java.util.Optional;

/** The file formats the files source reads. */
enum FileFormat {
    CSV, NDJSON, JSON;

    static Optional<FileFormat> fromName(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Optional.of(NDJSON);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
