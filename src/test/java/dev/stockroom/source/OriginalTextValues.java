package dev.stockroom.source;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The implementation before the hand-written scanners, kept as the reference for the equivalence test.
 * Gives text from untyped formats (CSV cells, JSON strings) the type it plainly has: whole
 * numbers, decimals, booleans, ISO dates and timestamps. Anything ambiguous stays text: a zip code
 * like {@code 01234} is not a number.
 */
final class OriginalTextValues {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d{0,27})\\.\\d{1,9}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?");

    private OriginalTextValues() {
    }

    /** A CSV cell: empty is null, then numbers, booleans, dates and timestamps are recognized. */
    public static Object infer(String text, ZoneId zoneForLocalTimes) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if ((first >= '0' && first <= '9') || first == '-') {
            if (INTEGER.matcher(text).matches()) {
                return Long.parseLong(text);
            }
            if (DECIMAL.matcher(text).matches()) {
                return new BigDecimal(text);
            }
            Object temporal = temporal(text, zoneForLocalTimes);
            if (temporal != null) {
                return temporal;
            }
            return text;
        }
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return text;
    }

    /**
     * A JSON string: only ISO dates and timestamps are recognized (JSON already types numbers).
     * Local times without an offset are taken in the given zone.
     */
    public static Object temporal(String text, ZoneId zoneForLocalTimes) {
        int length = text.length();
        if (length == 10 && DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        if (length >= 16 && length <= 35 && TIMESTAMP.matcher(text).matches()) {
            String iso = text.replace(' ', 'T');
            try {
                char last = iso.charAt(iso.length() - 1);
                boolean hasOffset = last == 'Z' || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10;
                if (hasOffset) {
                    if (iso.matches(".*[+-]\\d{2}$")) {
                        iso = iso + ":00";
                    } else if (iso.matches(".*[+-]\\d{4}$")) {
                        iso = iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2);
                    }
                    return OffsetDateTime.parse(iso).toInstant();
                }
                return LocalDateTime.parse(iso).atZone(zoneForLocalTimes).toInstant();
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return null;
    }

    /** A JSON string value: a timestamp or date when it plainly is one, else the text. */
    public static Object jsonString(String text, ZoneId zone) {
        Object temporal = temporal(text, zone);
        return temporal == null ? text : temporal;
    }

}
