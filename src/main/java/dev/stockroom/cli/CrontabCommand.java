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
        description = "Prints crontab lines that run each source on its schedule, and each dashboard's weekly digest, "
                + "for users who keep system cron.",
        footer = {"", "Examples:", "  stockroom crontab", "  stockroom crontab | crontab -     # replaces your crontab!",
                "  (crontab -l; stockroom crontab) | crontab -"})
final class CrontabCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Where each source's log goes "
            + "(default: beside the config).")
    Path logDir;

    /** One line per dashboard with {@code digest:}, at its cron in the project's timezone. */
    private static java.util.List<String> digestLines(StockroomConfig config, List<String> launcher) {
        var scheduled = new dev.stockroom.dashboard.Digests(config.baseDir().resolve("dashboards"),
                config.baseDir().resolve("models"), config.timezone(), java.time.Clock.systemUTC()).scheduled();
        java.util.List<String> out = new java.util.ArrayList<>();
        if (scheduled.isEmpty()) {
            return out;
        }
        String stockroom = String.join(" ", launcher.stream().map(CrontabLines::quote).toList());
        String configOption = config.file().getFileName().toString().equals("stockroom.yml") ? ""
                : " --config " + CrontabLines.quote(config.file().getFileName().toString());
        out.add("# Stockroom: weekly digests (dashboards with digest:), in the project's timezone");
        out.add("CRON_TZ=" + config.timezone().getId());
        for (var d : scheduled) {
            String log = config.baseDir().toAbsolutePath().resolve("stockroom-digest.log").toString();
            String command = "cd " + CrontabLines.quote(config.baseDir().toAbsolutePath().toString()) + " && "
                    + stockroom + configOption + " digest " + CrontabLines.quote(d.slug()) + " >> "
                    + CrontabLines.quote(log) + " 2>&1";
            out.add(dev.stockroom.schedule.CronSchedule.parse(d.cron()).expression() + " " + command.replace("%", "\\%"));
        }
        out.add("CRON_TZ=" + ZoneId.systemDefault().getId());
        return out;
    }

    @Override
    public Integer call() {
        StockroomConfig config = ConfigLoader.load(main.global.configFile());
        var lines = CrontabLines.render(config, launcher(), logDir != null ? logDir : config.baseDir(),
                ZoneId.systemDefault());
        lines.forEach(System.out::println);
        digestLines(config, launcher()).forEach(System.out::println);
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
