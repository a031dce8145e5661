package dev.stockroom.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 29);
    private static final LocalDate FALL_BACK = LocalDate.of(2026, 10, 25);

    @Test
    void a_0230_job_fires_at_0300_on_the_spring_forward_day_and_at_0230_around_it() {
        List<Instant> fires = firesBetween("30 2 * * *", SPRING_FORWARD.minusDays(1), SPRING_FORWARD.plusDays(2));

        assertThat(fires).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),   // 02:30 CET
                Instant.parse("2026-03-29T01:00:00Z"),   // 03:00 CEST, right after the skipped hour
                Instant.parse("2026-03-30T00:30:00Z"));  // 02:30 CEST
    }

    @Test
    void a_0230_job_fires_once_on_the_fall_back_day_at_the_first_0230() {
        List<Instant> fires = firesBetween("30 2 * * *", FALL_BACK.minusDays(1), FALL_BACK.plusDays(2));

        assertThat(fires).containsExactly(
                Instant.parse("2026-10-24T00:30:00Z"),   // 02:30 CEST
                Instant.parse("2026-10-25T00:30:00Z"),   // the first 02:30, CEST; not again at 02:30 CET
                Instant.parse("2026-10-26T01:30:00Z"));  // 02:30 CET
    }

    @Test
    void an_hourly_job_fires_every_real_hour_on_both_change_days() {
        List<Instant> spring = firesBetween("0 * * * *", SPRING_FORWARD, SPRING_FORWARD.plusDays(1));
        List<Instant> fall = firesBetween("0 * * * *", FALL_BACK, FALL_BACK.plusDays(1));

        assertThat(spring).hasSize(23);
        assertEvenlySpaced(spring, Duration.ofHours(1));
        assertThat(spring).extracting(i -> i.atZone(BERLIN).getHour()).doesNotContain(2);
        assertThat(fall).hasSize(25);
        assertEvenlySpaced(fall, Duration.ofHours(1));
        assertThat(fall).contains(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"));
    }

    @Test
    void a_quarter_hourly_job_fires_every_fifteen_real_minutes_on_both_change_days() {
        List<Instant> spring = firesBetween("*/15 * * * *", SPRING_FORWARD, SPRING_FORWARD.plusDays(1));
        List<Instant> fall = firesBetween("*/15 * * * *", FALL_BACK, FALL_BACK.plusDays(1));

        assertThat(spring).hasSize(23 * 4);
        assertEvenlySpaced(spring, Duration.ofMinutes(15));
        assertThat(fall).hasSize(25 * 4);
        assertEvenlySpaced(fall, Duration.ofMinutes(15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 2 * * *", "0 * * * *", "*/15 * * * *", "0,30 2 * * *", "13 8 * * 1-5"})
    void last_fire_at_or_before_agrees_with_next_fire_after_around_both_changes(String expression) {
        CronSchedule cron = CronSchedule.parse(expression);
        // Lord Howe Island moves its clocks by half an hour, on other days than Berlin.
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        List<ZonedDateTime> changeDays = List.of(SPRING_FORWARD.atStartOfDay(BERLIN), FALL_BACK.atStartOfDay(BERLIN),
                LocalDate.of(2026, 4, 5).atStartOfDay(lordHowe), LocalDate.of(2026, 10, 4).atStartOfDay(lordHowe));
        for (ZonedDateTime day : changeDays) {
            Instant from = day.minusHours(6).toInstant();
            for (Instant t = from; t.isBefore(from.plus(Duration.ofHours(36))); t = t.plus(Duration.ofMinutes(7))) {
                Instant last = cron.lastFireAtOrBefore(t, day.getZone()).orElseThrow();
                assertThat(last).isBeforeOrEqualTo(t);
                assertThat(cron.nextFireAfter(last, day.getZone()).orElseThrow()).as("next after %s", last).isAfter(t);
                assertThat(cron.lastFireAtOrBefore(last, day.getZone())).contains(last);
            }
        }
    }

    @Test
    void a_fixed_time_job_at_several_skipped_minutes_fires_once_at_the_change() {
        List<Instant> fires = firesBetween("0,30 2 * * *", SPRING_FORWARD, SPRING_FORWARD.plusDays(1));

        assertThat(fires).containsExactly(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void a_job_fires_at_its_wall_clock_time_in_utc() {
        CronSchedule cron = CronSchedule.parse("13 8 * * *");

        assertThat(cron.nextFireAfter(Instant.parse("2026-05-01T08:13:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-05-02T08:13:00Z"));
        assertThat(cron.lastFireAtOrBefore(Instant.parse("2026-05-01T08:13:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-05-01T08:13:00Z"));
    }

    @Test
    void day_of_month_and_day_of_week_match_either_as_in_unix_cron() {
        CronSchedule cron = CronSchedule.parse("0 0 13 * 5");

        assertThat(cron.nextFireAfter(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-01-02T00:00:00Z"));  // a Friday
        assertThat(cron.nextFireAfter(Instant.parse("2026-01-09T00:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-01-13T00:00:00Z"));  // the 13th, a Tuesday
    }

    @Test
    void nicknames_mean_what_they_mean_to_cron() {
        Instant at = Instant.parse("2026-05-01T10:20:00Z");

        assertThat(CronSchedule.parse("@daily").nextFireAfter(at, ZoneOffset.UTC))
                .isEqualTo(CronSchedule.parse("0 0 * * *").nextFireAfter(at, ZoneOffset.UTC));
        assertThat(CronSchedule.parse("@hourly").nextFireAfter(at, ZoneOffset.UTC))
                .contains(Instant.parse("2026-05-01T11:00:00Z"));
    }

    @Test
    void an_expression_that_never_matches_has_no_fire_time() {
        CronSchedule cron = CronSchedule.parse("0 0 30 2 *");

        assertThat(cron.nextFireAfter(Instant.parse("2026-01-01T00:00:00Z"), BERLIN)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "61 * * * *    | 61 not in range [0, 59]",
            "* * *         | it has 3 fields",
            "0 8 * * * *   | 6 fields (seconds are not supported)",
            "''            | it has 0 fields",
            "a b c d e     | Invalid chars",
            "@reboot       | unknown nickname"})
    void an_invalid_expression_is_rejected_naming_it_and_what_is_wrong(String expression, String reason) {
        assertThatThrownBy(() -> CronSchedule.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid cron expression \"" + expression + "\": ")
                .hasMessageContaining(reason);
    }

    private static List<Instant> firesBetween(String expression, LocalDate from, LocalDate until) {
        CronSchedule cron = CronSchedule.parse(expression);
        Instant end = until.atStartOfDay(BERLIN).toInstant();
        List<Instant> fires = new ArrayList<>();
        Instant t = from.atStartOfDay(BERLIN).toInstant().minusNanos(1);
        while (true) {
            t = cron.nextFireAfter(t, BERLIN).orElseThrow();
            if (!t.isBefore(end)) {
                return fires;
            }
            fires.add(t);
        }
    }

    private static void assertEvenlySpaced(List<Instant> fires, Duration step) {
        for (int i = 1; i < fires.size(); i++) {
            assertThat(Duration.between(fires.get(i - 1), fires.get(i)))
                    .as("between %s and %s", ZonedDateTime.ofInstant(fires.get(i - 1), BERLIN), fires.get(i))
                    .isEqualTo(step);
        }
    }
}
