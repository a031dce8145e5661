package dev.stockroom.source;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Gives text from untyped formats (CSV cells, JSON strings) the type it plainly has: whole
 * numbers, decimals, booleans, ISO dates and timestamps. Anything ambiguous stays text: a zip code
 * like {@code 01234} is not a number.
 *
 * <p>The shapes are recognized by hand-written scanners equivalent to these patterns (this runs
 * once per cell, so it avoids regular expressions and the date-time parser on the common paths):
 * integer {@code -?(0|[1-9]\d{0,17})}, decimal {@code -?(0|[1-9]\d{0,27})\.\d{1,9}}, date
 * {@code \d{4}-\d{2}-\d{2}}, timestamp
 * {@code \d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?}.
 */
public final class TextValues {

    private static final Pattern TWO_DIGIT_OFFSET = Pattern.compile(".*[+-]\\d{2}$");
    private static final Pattern FOUR_DIGIT_OFFSET = Pattern.compile(".*[+-]\\d{4}$");

    private TextValues() {
    }

    /** A CSV cell: empty is null, then numbers, booleans, dates and timestamps are recognized. */
    public static Object infer(String text, ZoneId zoneForLocalTimes) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if ((first >= '0' && first <= '9') || first == '-') {
            int shape = number(text);
            if (shape == INTEGER) {
                return Long.parseLong(text);
            }
            if (shape == DECIMAL) {
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

    private static final int NOT_A_NUMBER = 0;
    private static final int INTEGER = 1;
    private static final int DECIMAL = 2;

    /** Which of the integer and decimal shapes the text has. */
    private static int number(String s) {
        int n = s.length();
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i >= n || !digit(s.charAt(i))) {
            return NOT_A_NUMBER;
        }
        int intStart = i;
        if (s.charAt(i) == '0') {
            i++;
        } else {
            while (i < n && digit(s.charAt(i))) {
                i++;
            }
        }
        int intDigits = i - intStart;
        if (i == n) {
            return intDigits <= 18 ? INTEGER : NOT_A_NUMBER;
        }
        if (s.charAt(i) != '.' || intDigits > 28) {
            return NOT_A_NUMBER;
        }
        int fracStart = ++i;
        while (i < n && digit(s.charAt(i))) {
            i++;
        }
        int fracDigits = i - fracStart;
        return i == n && fracDigits >= 1 && fracDigits <= 9 ? DECIMAL : NOT_A_NUMBER;
    }

    /**
     * A JSON string: only ISO dates and timestamps are recognized (JSON already types numbers).
     * Local times without an offset are taken in the given zone.
     */
    public static Object temporal(String text, ZoneId zoneForLocalTimes) {
        int length = text.length();
        if (length == 10 && isDate(text)) {
            try {
                return date(text);
            } catch (DateTimeException e) {
                return text;
            }
        }
        if (length >= 16 && length <= 35 && isTimestamp(text)) {
            Instant fast = fastInstant(text, zoneForLocalTimes);
            if (fast != null) {
                return fast;
            }
            String iso = text.replace(' ', 'T');
            try {
                char last = iso.charAt(iso.length() - 1);
                boolean hasOffset = last == 'Z' || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10;
                if (hasOffset) {
                    if (TWO_DIGIT_OFFSET.matcher(iso).matches()) {
                        iso = iso + ":00";
                    } else if (FOUR_DIGIT_OFFSET.matcher(iso).matches()) {
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

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** {@code \d{4}-\d{2}-\d{2}} at the start (the caller checks the length). */
    private static boolean isDate(String s) {
        return digits(s, 0, 4) && s.charAt(4) == '-' && digits(s, 5, 2) && s.charAt(7) == '-' && digits(s, 8, 2);
    }

    /** The ISO date at the start of a checked date shape; throws like {@code LocalDate.parse} would fail. */
    private static LocalDate date(String s) {
        return LocalDate.of(number(s, 0, 4), number(s, 5, 2), number(s, 8, 2));
    }

    /** The whole text has the timestamp shape of the class comment. */
    private static boolean isTimestamp(String s) {
        int n = s.length();
        if (!isDate(s) || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || !digits(s, 11, 2) || s.charAt(13) != ':'
                || !digits(s, 14, 2)) {
            return false;
        }
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            if (i + 3 > n || !digits(s, i + 1, 2)) {
                return false;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && digit(s.charAt(i))) {
                    i++;
                }
                if (i - start < 1 || i - start > 9) {
                    return false;
                }
            }
        }
        if (i == n) {
            return true;
        }
        char c = s.charAt(i);
        if (c == 'Z') {
            return i + 1 == n;
        }
        if (c != '+' && c != '-') {
            return false;
        }
        int rest = n - i - 1;
        return (rest == 2 && digits(s, i + 1, 2))
                || (rest == 4 && digits(s, i + 1, 4))
                || (rest == 5 && digits(s, i + 1, 2) && s.charAt(i + 3) == ':' && digits(s, i + 4, 2));
    }

    /**
     * The instant of a checked timestamp shape without going through the date-time parser, for the
     * plain cases (seconds given; offset Z, none, or within ±17:59); null for anything else, which
     * then takes the general path. Invalid fields (month 13, hour 24) also return null, so that the
     * general path decides, exactly as before.
     */
    private static Instant fastInstant(String s, ZoneId zone) {
        int n = s.length();
        if (n < 19 || s.charAt(16) != ':') {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && digit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            nanos = number(s, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        boolean local = false;
        if (i == n) {
            local = true;
            offsetSeconds = 0;
        } else if (s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else {
            int sign = s.charAt(i) == '-' ? -1 : 1;
            int hours = number(s, i + 1, 2);
            int minutes = n - i - 1 == 2 ? 0 : number(s, n - 2, 2);
            if (hours > 17 || minutes > 59) {
                return null;
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60);
        }
        try {
            LocalDateTime dateTime = LocalDateTime.of(number(s, 0, 4), number(s, 5, 2), number(s, 8, 2),
                    number(s, 11, 2), number(s, 14, 2), number(s, 17, 2), nanos);
            if (local) {
                return dateTime.atZone(zone).toInstant();
            }
            return Instant.ofEpochSecond(dateTime.toLocalDate().toEpochDay() * 86_400
                    + dateTime.toLocalTime().toSecondOfDay() - offsetSeconds, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
