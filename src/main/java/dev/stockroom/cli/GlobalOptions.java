package dev.stockroom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after its name. */
public final class GlobalOptions {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: $STOCKROOM_CONFIG, else ./stockroom.yml).")
    Path config;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print errors only.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print more detail, "
            + "including stack traces of failures.")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            System.setProperty("stockroom.verbose", "true");
        }
    }

    boolean verbose;

    public Path configFile() {
        if (config != null) {
            return config;
        }
        String env = System.getenv("STOCKROOM_CONFIG");
        return Path.of(env != null && !env.isBlank() ? env : "stockroom.yml");
    }
}
