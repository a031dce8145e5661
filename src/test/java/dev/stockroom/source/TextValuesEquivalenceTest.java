package dev.stockroom.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written scanners of {@link TextValues} type every text exactly as the regular expressions did. */
class TextValuesEquivalenceTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Kiritimati"));

    @Test
    void sameAsTheRegularExpressions() {
        List<String> texts = new ArrayList<>(List.of("", "0", "-0", "00", "-", "-.5", "0.", ".5", "1.", "1.5",
                "0.123456789", "0.1234567890", "123456789012345678", "1234567890123456789", "-123456789012345678",
                "9223372036854775807", "999999999999999999", "1234567890123456789012345678.1",
                "12345678901234567890123456789.1", "true", "TRUE", "False", "yes", "01234", "1e5", "+5",
                "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "0000-01-01", "2024-06-31",
                "2024-03-19T16:32:07.727Z", "2024-03-19 16:32:07", "2024-03-19T16:32", "2024-03-19T16:32Z",
                "2024-03-19T16:32:07+02", "2024-03-19T16:32:07+0230", "2024-03-19T16:32:07+02:30",
                "2024-03-19T16:32:07-05:00", "2024-03-19T16:32:07-00:00", "2024-03-19T16:32:07+18:00",
                "2024-03-19T16:32:07+18:01", "2024-03-19T16:32:07+19:00", "2024-03-19T16:32:07+05:60",
                "2024-03-19T24:00:00", "2024-03-19T23:60:00", "2024-03-19T23:59:60", "2024-03-19T23:59:59.123456789Z",
                "2024-03-19T23:59:59.1234567890Z", "2024-03-19T23:59:59.Z", "2024-03-19t23:59:59",
                "2024-03-31T02:30:00", "2024-10-27T02:30:00", "2024-03-19T16:32:07+02:3", "2024-03-19T16:32:07+023",
                "2024-03-19T16:32:07z", "2024-03-19T16:32:07 Z", "2024-03-19T16:32+02:00", "2024-03-19T16:32:07.5-0130"));
        SplittableRandom r = new SplittableRandom(7);
        String alphabet = "0123456789-:.+ TZe";
        for (int i = 0; i < 200_000; i++) {
            String base = texts.get(r.nextInt(texts.size()));
            StringBuilder sb = new StringBuilder(base);
            int edits = r.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    default -> sb.deleteCharAt(at);
                }
            }
            texts.add(sb.toString());
            if (texts.size() > 5_000) {
                texts.remove(100 + r.nextInt(texts.size() - 100));
            }
            check(sb.toString(), ZONES.get(r.nextInt(ZONES.size())));
        }
        for (String t : texts) {
            for (ZoneId z : ZONES) {
                check(t, z);
            }
        }
    }

    private static void check(String text, ZoneId zone) {
        same(text, TextValues.infer(text, zone), OriginalTextValues.infer(text, zone));
        same(text, TextValues.temporal(text, zone), OriginalTextValues.temporal(text, zone));
        same(text, TextValues.jsonString(text, zone), OriginalTextValues.jsonString(text, zone));
    }

    private static void same(String text, Object now, Object before) {
        assertThat(now).as("typed value of '%s'", text).isEqualTo(before);
        assertThat(now == null ? null : now.getClass()).as("type of '%s'", text)
                .isEqualTo(before == null ? null : before.getClass());
        if (now instanceof java.math.BigDecimal d) {
            assertThat(d.scale()).isEqualTo(((java.math.BigDecimal) Objects.requireNonNull(before)).scale());
        }
    }
}
