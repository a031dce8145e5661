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
        description = "Prints crontab lines that run each source on its schedule, for users who keep system cron.",
        footer = {"", "Examples:", "  stockroom crontab", "  stockroom crontab | crontab -     # replaces your crontab!",
                "  (crontab -l; stockroom crontab) | crontab -"})
final class CrontabCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Where each source's log goes "
            + "(default: beside the config).")
    Path logDir;

    @Override
    public Integer call() {
        StockroomConfig config = ConfigLoader.load(global.configFile());
        String launcher = System.getenv("STOCKROOM_LAUNCHER");
        Path stockroom = Path.of(launcher != null ? launcher : "stockroom");
        var lines = logDir == null ? CrontabLines.render(config, stockroom, ZoneId.systemDefault())
                : CrontabLines.render(config, stockroom, logDir, ZoneId.systemDefault());
        lines.forEach(System.out::println);
        return ExitCodes.OK;
    }
}
