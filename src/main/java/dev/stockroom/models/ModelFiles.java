package dev.stockroom.models;

import dev.stockroom.warehouse.Namespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads {@code models/*.sql}: one model per file, named after the file. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * The models in the folder sorted by name; none when the folder does not exist. Which models
     * each reads depends on how the warehouse names schemas.
     */
    public static List<Model> read(Path folder, Namespace namespace) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        List<Model> models = new ArrayList<>();
        for (Path file : files) {
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            models.add(new Model(nameOf(file), file, sql, SqlReferences.models(sql, namespace)));
        }
        return models;
    }

    /** {@code models/paid_members.sql} → {@code paid_members}. */
    public static String nameOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".sql".length());
    }

    /** The SELECT without trailing semicolons and blank space, ready to wrap in CREATE TABLE AS. */
    public static String body(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
