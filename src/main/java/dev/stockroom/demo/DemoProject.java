package dev.stockroom.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the demo project: config, models and dashboards (kept when they exist, so a user's
 * edits survive), and {@code .env} with the simulated vendors' current addresses (rewritten on
 * every start, since the ports change).
 */
public final class DemoProject {

    static final List<String> FILES = List.of("stockroom.yml",
            "models/member_reading.sql", "models/member_conversions.sql", "models/newsletter_rates.sql",
            "models/traffic_sources.sql", "models/mrr_by_month.sql",
            "dashboards/business.yml", "dashboards/newsletter.yml", "dashboards/post.yml");

    private DemoProject() {
    }

    /** Writes what is missing; returns the config file. */
    public static Path write(Path dir, Map<String, String> environment) throws IOException {
        Files.createDirectories(dir);
        for (String name : FILES) {
            Path target = dir.resolve(name);
            if (Files.exists(target)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = DemoProject.class.getResourceAsStream("/demo/" + name)) {
                if (in == null) {
                    throw new IOException("the demo resource " + name + " is missing from the jar");
                }
                Files.copy(in, target);
            }
        }
        StringBuilder env = new StringBuilder("# Written by `stockroom demo` on every start: the simulated vendors.\n");
        environment.forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve(".env"), env.toString());
        return dir.resolve("stockroom.yml");
    }
}
