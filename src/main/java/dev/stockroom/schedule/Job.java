package dev.stockroom.schedule;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** One source on its cron schedule, read in the source's timezone. */
public record Job(String source, CronSchedule schedule, ZoneId zone) {

    public Job {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
    }

    /** @throws IllegalArgumentException when the source's schedule is not a valid cron expression */
    public static Job of(SourceConfig source) {
        return new Job(source.name(), CronSchedule.parse(source.schedule()), source.timezone());
    }

    public static List<Job> of(StockroomConfig config) {
        return config.sources().stream().map(Job::of).toList();
    }
}
