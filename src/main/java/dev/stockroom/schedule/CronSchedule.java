package dev.stockroom.schedule;

import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.cronutils.model.CronType.UNIX;

/**
 * A 5-field Unix cron expression ({@code minute hour day-of-month month day-of-week}, or one of
 * {@code @hourly @daily @midnight @weekly @monthly @yearly @annually}), read by cron-utils and
 * evaluated in a time zone.
 *
 * <p>Daylight-saving changes follow cronie / Vixie cron, not cron-utils (whose own results
 * differ between its "next" and "last" answers):
 * <ul>
 *   <li>A <em>fixed-time</em> job, one whose minute and hour fields both do not start with
 *       {@code *}, whose time is skipped by a spring-forward change, fires once at the change,
 *       e.g. {@code 30 2 * * *} in Europe/Berlin on 29 March 2026 fires at 03:00 CEST. On a
 *       fall-back day it fires once, at the first of the two 02:30s (CEST).</li>
 *   <li>A <em>wildcard</em> job ({@code *} or {@code *}{@code /n} in minute or hour, e.g.
 *       {@code 0 * * * *}, {@code *}{@code /15 * * * *}) follows the clock: it does not fire at
 *       wall-clock times that do not exist, and fires at both occurrences of a repeated one, so
 *       an hourly job still fires every real hour.</li>
 * </ul>
 * Like cron, this assumes clock changes of at most {@value #MAX_SHIFT_HOURS} hours.
 */
public final class CronSchedule {

    static final int MAX_SHIFT_HOURS = 3;
    private static final Duration MAX_SHIFT = Duration.ofHours(MAX_SHIFT_HOURS);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(UNIX));
    private static final String FORMAT = "expected 5 fields: minute hour day-of-month month day-of-week,"
            + " e.g. \"13 8 * * *\"";
    private static final Map<String, String> NICKNAMES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private final String expression;
    private final ExecutionTime wallClock;
    private final boolean fixedTime;

    private CronSchedule(String expression, ExecutionTime wallClock, boolean fixedTime) {
        this.expression = expression;
        this.wallClock = wallClock;
        this.fixedTime = fixedTime;
    }

    /** @throws IllegalArgumentException naming the expression and what is wrong with it */
    public static CronSchedule parse(String expression) {
        String text = expression == null ? "" : expression.trim();
        String fields = NICKNAMES.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        if (text.startsWith("@") && fields.equals(text)) {
            throw invalid(text, "unknown nickname; use one of " + String.join(" ", NICKNAMES.keySet().stream().sorted().toList()));
        }
        String[] parts = fields.isEmpty() ? new String[0] : fields.split("\\s+");
        if (parts.length != 5) {
            String hint = parts.length == 6 ? " (seconds are not supported)" : "";
            throw invalid(text, "it has " + parts.length + " fields" + hint + "; " + FORMAT);
        }
        try {
            ExecutionTime wallClock = ExecutionTime.forCron(PARSER.parse(fields));
            return new CronSchedule(text, wallClock, !parts[0].startsWith("*") && !parts[1].startsWith("*"));
        } catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage()).replace("Failed to parse cron expression. ", "");
            throw invalid(text, reason + "; " + FORMAT);
        }
    }

    private static IllegalArgumentException invalid(String expression, String reason) {
        return new IllegalArgumentException("Invalid cron expression \"" + expression + "\": " + reason);
    }

    public String expression() {
        return expression;
    }

    /** The first fire time strictly after {@code after}; empty if the expression never matches. */
    public Optional<Instant> nextFireAfter(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone).minus(slack(rules, after));
        Instant best = null;
        LocalDateTime limit = null;
        while (true) {
            Optional<LocalDateTime> match = wallClock.nextExecution(utc(cursor)).map(ZonedDateTime::toLocalDateTime);
            if (match.isEmpty() || (limit != null && match.get().isAfter(limit))) {
                return Optional.ofNullable(best);
            }
            cursor = match.get();
            for (Instant fire : firesAt(cursor, rules)) {
                if (fire.isAfter(after) && (best == null || fire.isBefore(best))) {
                    best = fire;
                    limit = limit == null ? cursor.plus(slack(rules, fire)) : limit;
                }
            }
        }
    }

    /** The latest fire time at or before {@code at}; empty if there is none. For catching up. */
    public Optional<Instant> lastFireAtOrBefore(Instant at, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime cursor = LocalDateTime.ofInstant(at, zone).plus(slack(rules, at)).plusMinutes(1);
        Instant best = null;
        LocalDateTime limit = null;
        while (true) {
            Optional<LocalDateTime> match = wallClock.lastExecution(utc(cursor)).map(ZonedDateTime::toLocalDateTime);
            if (match.isEmpty() || (limit != null && match.get().isBefore(limit))) {
                return Optional.ofNullable(best);
            }
            cursor = match.get();
            for (Instant fire : firesAt(cursor, rules)) {
                if (!fire.isAfter(at) && (best == null || fire.isAfter(best))) {
                    best = fire;
                    limit = limit == null ? cursor.minus(slack(rules, fire)) : limit;
                }
            }
        }
    }

    /** The instants at which a matching wall-clock time fires: none, one, or two (repeated hour). */
    private List<Instant> firesAt(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return List.of(local.toInstant(offsets.get(0)));
        }
        ZoneOffsetTransition change = rules.getTransition(local);
        if (offsets.isEmpty()) {
            return fixedTime ? List.of(change.getInstant()) : List.of();
        }
        Instant first = local.toInstant(change.getOffsetBefore());
        return fixedTime ? List.of(first) : List.of(first, local.toInstant(change.getOffsetAfter()));
    }

    /**
     * How far wall-clock order and instant order may disagree near {@code around}: the size of a
     * clock change within {@value #MAX_SHIFT_HOURS} hours of it, else zero. Keeps the scan short.
     */
    private static Duration slack(ZoneRules rules, Instant around) {
        ZoneOffsetTransition change = rules.nextTransition(around.minus(MAX_SHIFT));
        boolean near = change != null && change.getInstant().isBefore(around.plus(MAX_SHIFT));
        if (!near) {
            return Duration.ZERO;
        }
        Duration size = change.getDuration().abs();
        return size.compareTo(MAX_SHIFT) < 0 ? size : MAX_SHIFT;
    }

    /** Wall-clock times are matched in UTC, which has no daylight saving, then mapped to the zone. */
    private static ZonedDateTime utc(LocalDateTime local) {
        return local.atZone(ZoneOffset.UTC);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule that && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
