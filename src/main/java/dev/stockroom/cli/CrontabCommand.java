package dev.stockroom.cli;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.schedule.CrontabLines;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

@Command(name = "crontab", mixinStandardHelpOptions = true,
        description = "Prints crontab lines that run each source on its schedule, for users who keep system cron.",
        footer = {"", "Examples:", "  stockroom crontab", "  stockroom crontab | crontab -     # replaces your crontab!",
                "  (crontab -l; stockroom crontab) | crontab -"})
final class CrontabCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Where each source's log goes "
            + "(default: beside the config).")
    Path logDir;

    @Override
    public Integer call() {
        StockroomConfig config = ConfigLoader.load(main.global.configFile());
        var lines = CrontabLines.render(config, launcher(), logDir != null ? logDir : config.baseDir(),
                ZoneId.systemDefault());
        lines.forEach(System.out::println);
        return ExitCodes.OK;
    }

    /**
     * How cron starts this same program from any folder: the {@code ./stockroom} script when that
     * is what ran (it says so in {@code STOCKROOM_LAUNCHER}), else this JVM's java with this class path.
     */
    static List<String> launcher() {
        String script = System.getenv("STOCKROOM_LAUNCHER");
        if (script != null && !script.isBlank()) {
            return List.of(Path.of(script).toAbsolutePath().toString());
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> classPath = new java.util.ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toString());
        }
        return List.of(javaBin, "-cp", String.join(java.io.File.pathSeparator, classPath), Main.class.getName());
    }
}
