package dev.stockroom.cli;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.schedule.CrontabLines;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "crontab", mixinStandardHelpOptions = true,
        description = "Prints crontab lines that run each source on its schedule, and each dashboard's weekly digest, "
                + "for users who keep system cron.",
        footer = {"", "Examples:", "  stockroom crontab", "  stockroom crontab | crontab -     # replaces your crontab!",
                "  (crontab -l; stockroom crontab) | crontab -"})
final class CrontabCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Where each source's log goes "
            + "(default: beside the config).")
    Path logDir;

    /** One line per dashboard with {@code digest:}, at its cron in the project's timezone. */
    private static java.util.List<String> digestLines(StockroomConfig config, Path stockroom) {
        var scheduled = new dev.stockroom.dashboard.Digests(config.baseDir().resolve("dashboards"),
                config.baseDir().resolve("models"), config.timezone(), java.time.Clock.systemUTC()).scheduled();
        java.util.List<String> out = new java.util.ArrayList<>();
        if (scheduled.isEmpty()) {
            return out;
        }
        String configOption = config.file().getFileName().toString().equals("stockroom.yml") ? ""
                : " --config " + config.file().getFileName();
        out.add("# Stockroom: weekly digests (dashboards with digest:), in the project's timezone");
        out.add("CRON_TZ=" + config.timezone().getId());
        for (var d : scheduled) {
            String log = config.baseDir().toAbsolutePath().resolve("stockroom-digest.log").toString();
            out.add(dev.stockroom.schedule.CronSchedule.parse(d.cron()).expression() + " cd '" + config.baseDir()
                    .toAbsolutePath() + "' && '" + stockroom.toAbsolutePath() + "'" + configOption + " digest " + d.slug()
                    + " >> '" + log + "' 2>&1".replace("%", "\\%"));
        }
        out.add("CRON_TZ=" + ZoneId.systemDefault().getId());
        return out;
    }

    @Override
    public Integer call() {
        StockroomConfig config = ConfigLoader.load(global.configFile());
        String launcher = System.getenv("STOCKROOM_LAUNCHER");
        Path stockroom = Path.of(launcher != null ? launcher : "stockroom");
        var lines = logDir == null ? CrontabLines.render(config, stockroom, ZoneId.systemDefault())
                : CrontabLines.render(config, stockroom, logDir, ZoneId.systemDefault());
        lines.forEach(System.out::println);
        digestLines(config, stockroom).forEach(System.out::println);
        return ExitCodes.OK;
    }
}
