package dev.stockroom.schedule;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code stockroom crontab} prints: one line per source for system cron,
 * {@code <cron> cd <config folder> && <stockroom> sync <source> >> <log> 2>&1}, with a
 * {@code CRON_TZ=} line before sources whose timezone is not the system's, and one at the end to
 * give the lines after ours the system's zone back. Paths are shell-quoted when needed and
 * {@code %} (a newline to cron) is escaped.
 */
public final class CrontabLines {

    static final String DEFAULT_CONFIG_NAME = "stockroom.yml";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CrontabLines() {
    }

    /** Logs go to {@code stockroom-<source>.log} beside the config. */
    public static List<String> render(StockroomConfig config, Path stockroom, ZoneId systemZone) {
        return render(config, stockroom, config.baseDir(), systemZone);
    }

    /**
     * @param stockroom  the {@code stockroom} executable, made absolute
     * @param logDir     where each source's {@code stockroom-<source>.log} goes
     * @param systemZone the zone system cron runs in, normally {@link ZoneId#systemDefault()}
     * @throws IllegalArgumentException when a source's schedule is not a valid cron expression
     */
    public static List<String> render(StockroomConfig config, Path stockroom, Path logDir, ZoneId systemZone) {
        return render(config, List.of(stockroom.toAbsolutePath().toString()), logDir, systemZone);
    }

    /**
     * @param launcher the words that start Stockroom: the {@code stockroom} script, or {@code java -cp JAR
     *                 dev.stockroom.cli.Main} when it was started without one; each is shell-quoted here
     */
    public static List<String> render(StockroomConfig config, List<String> launcher, Path logDir, ZoneId systemZone) {
        String stockroom = String.join(" ", launcher.stream().map(CrontabLines::quote).toList());
        Path folder = config.baseDir();
        String configFile = config.file().getFileName().toString();
        String configOption = configFile.equals(DEFAULT_CONFIG_NAME) ? "" : " --config " + quote(configFile);
        boolean zoned = config.sources().stream().anyMatch(s -> !sameRules(s.timezone(), systemZone));

        List<String> lines = new ArrayList<>();
        lines.add("# Stockroom: one line per source of " + config.file().toAbsolutePath() + " (stockroom crontab)");
        if (zoned) {
            lines.add("# CRON_TZ is a cronie/Vixie-cron extension, not POSIX: a cron without it takes it for a");
            lines.add("# plain variable and runs every line in the system timezone (" + systemZone.getId() + ").");
        }
        ZoneId current = systemZone;
        for (SourceConfig source : config.sources()) {
            String schedule = CronSchedule.parse(source.schedule()).expression();
            if (!sameRules(source.timezone(), current)) {
                current = source.timezone();
                lines.add("CRON_TZ=" + tzName(current));
            }
            String log = logDir.toAbsolutePath().resolve("stockroom-" + source.name() + ".log").toString();
            String command = "cd " + quote(folder.toString()) + " && " + stockroom + configOption + " sync " + quote(source.name()) + " >> " + quote(log) + " 2>&1";
            lines.add(schedule + " " + command.replace("%", "\\%"));
        }
        if (!sameRules(current, systemZone)) {
            lines.add("CRON_TZ=" + tzName(systemZone));
        }
        return lines;
    }

    /**
     * The tz database name cron needs. A fixed offset becomes {@code Etc/GMT-2} for {@code +02:00}
     * (POSIX signs are reversed); an offset of part of an hour has no such name.
     */
    static String tzName(ZoneId zone) {
        if (!(zone.normalized() instanceof ZoneOffset offset)) {
            return zone.getId();
        }
        int seconds = offset.getTotalSeconds();
        if (seconds % 3600 != 0) {
            throw new IllegalArgumentException("CRON_TZ needs a timezone name such as Asia/Kolkata, not the offset "
                    + offset.getId() + "; set the source's timezone to a name");
        }
        return seconds == 0 ? "UTC" : "Etc/GMT" + (seconds > 0 ? "-" : "+") + Math.abs(seconds / 3600);
    }

    private static boolean sameRules(ZoneId a, ZoneId b) {
        return a.getRules().equals(b.getRules());
    }

    /** Quotes for /bin/sh when the word needs it. */
    public static String quote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
