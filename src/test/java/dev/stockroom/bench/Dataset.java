package dev.stockroom.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The benchmark's web-analytics events, generated deterministically from a seed: the same
 * {@code rows} always give the same files, byte for byte.
 *
 * <p>Columns: event_id (random 32-hex key), ts (ISO timestamp, UTC), day, page, title (some with
 * commas and quotes), source, medium, country, device, session_id, user_id (30% empty),
 * engagement_ms, revenue (5% set, two decimals).
 */
final class Dataset {

    static final String[] COLUMNS = {"event_id", "ts", "day", "page", "title", "source", "medium", "country",
        "device", "session_id", "user_id", "engagement_ms", "revenue"};

    private static final String[] SECTIONS = {"blog", "guides", "news", "pricing", "docs", "about"};
    private static final String[] SOURCES = {"google", "direct", "newsletter", "twitter", "linkedin", "bing",
        "duckduckgo", "reddit", "hacker_news", "youtube"};
    private static final String[] MEDIUMS = {"organic", "none", "email", "social", "referral", "cpc"};
    private static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "NL", "CA", "AU", "IN", "BR", "ES", "IT",
        "SE", "PL", "JP", "CH", "AT", "BE", "DK", "NO", "FI"};
    private static final String[] DEVICES = {"desktop", "mobile", "tablet"};
    private static final String[] WORDS = {"grow", "newsletter", "pricing", "habits", "audience", "writing",
        "tools", "launch", "metrics", "email", "sponsors", "retention"};
    private static final long START = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    private static final int DAYS = 90;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One generated row. */
    static final class Row {
        String eventId;
        long epochMillis;
        String ts;
        String day;
        String page;
        String title;
        String source;
        String medium;
        String country;
        String device;
        String sessionId;
        Long userId;
        long engagementMs;
        String revenue;

        OffsetDateTime timestamp() {
            return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
        }

        LocalDate date() {
            return LocalDate.parse(day);
        }

        BigDecimal revenueValue() {
            return revenue == null ? null : new BigDecimal(revenue);
        }
    }

    /** Yields rows in order; row i is always the same. */
    static final class Generator {
        private final SplittableRandom random = new SplittableRandom(20240101L);
        private final Row row = new Row();
        private final StringBuilder sb = new StringBuilder(64);

        Row next() {
            SplittableRandom r = random;
            row.eventId = hex(r.nextLong(), r.nextLong());
            long second = START + r.nextLong(DAYS * 86_400L);
            int millis = r.nextInt(1000);
            row.epochMillis = second * 1000 + millis;
            Instant at = Instant.ofEpochSecond(second, millis * 1_000_000L);
            String iso = at.toString();
            if (millis == 0) {
                iso = iso.substring(0, iso.length() - 1) + ".000Z";
            }
            row.ts = iso;
            row.day = iso.substring(0, 10);
            int pageNumber = (int) Math.min(1999, Math.abs(r.nextGaussian() * 400));
            String section = SECTIONS[pageNumber % SECTIONS.length];
            row.page = "/" + section + "/post-" + pageNumber;
            String w1 = WORDS[pageNumber % WORDS.length];
            String w2 = WORDS[(pageNumber / 7) % WORDS.length];
            row.title = pageNumber % 17 == 0
                    ? "The \"" + w1 + "\" playbook, part " + pageNumber
                    : "How to " + w1 + " your " + w2 + " (" + pageNumber + ")";
            row.source = SOURCES[Math.min(SOURCES.length - 1, (int) Math.abs(r.nextGaussian() * 3))];
            row.medium = MEDIUMS[r.nextInt(MEDIUMS.length)];
            row.country = COUNTRIES[Math.min(COUNTRIES.length - 1, (int) Math.abs(r.nextGaussian() * 6))];
            row.device = DEVICES[r.nextInt(10) < 6 ? 0 : r.nextInt(10) < 8 ? 1 : 2];
            sb.setLength(0);
            sb.append('s');
            long s = r.nextLong();
            for (int i = 0; i < 16; i++) {
                sb.append(HEX[(int) (s >>> (60 - 4 * i)) & 15]);
            }
            row.sessionId = sb.toString();
            row.userId = r.nextInt(10) < 7 ? Long.valueOf(1 + r.nextInt(200_000)) : null;
            row.engagementMs = r.nextInt(600_000);
            if (r.nextInt(100) < 5) {
                int cents = 100 + r.nextInt(49_900);
                row.revenue = (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
            } else {
                row.revenue = null;
            }
            return row;
        }

        private static String hex(long a, long b) {
            char[] c = new char[32];
            for (int i = 0; i < 16; i++) {
                c[i] = HEX[(int) (a >>> (60 - 4 * i)) & 15];
                c[16 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 15];
            }
            return new String(c);
        }
    }

    private Dataset() {
    }

    /** {@code Dataset ROWS CSV [NDJSON]}: writes the dataset alone, for profiling by hand. */
    public static void main(String[] args) throws IOException {
        write(Long.parseLong(args[0]), Path.of(args[1]), args.length > 2 ? Path.of(args[2]) : null);
    }

    /** Writes {@code rows} rows as CSV (with a header) and, when {@code ndjson} is not null, as NDJSON. */
    static void write(long rows, Path csv, Path ndjson) throws IOException {
        Generator g = new Generator();
        try (Writer c = new BufferedWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8), 1 << 20);
             Writer j = ndjson == null ? Writer.nullWriter()
                     : new BufferedWriter(Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8), 1 << 20)) {
            c.write(String.join(",", COLUMNS));
            c.write('\n');
            StringBuilder line = new StringBuilder(512);
            for (long i = 0; i < rows; i++) {
                Row r = g.next();
                line.setLength(0);
                line.append(r.eventId).append(',').append(r.ts).append(',').append(r.day).append(',')
                        .append(r.page).append(',');
                csvText(line, r.title);
                line.append(',').append(r.source).append(',').append(r.medium).append(',').append(r.country)
                        .append(',').append(r.device).append(',').append(r.sessionId).append(',');
                if (r.userId != null) {
                    line.append(r.userId);
                }
                line.append(',').append(r.engagementMs).append(',');
                if (r.revenue != null) {
                    line.append(r.revenue);
                }
                line.append('\n');
                c.append(line);
                if (ndjson != null) {
                    line.setLength(0);
                    line.append("{\"event_id\":\"").append(r.eventId).append("\",\"ts\":\"").append(r.ts)
                            .append("\",\"day\":\"").append(r.day).append("\",\"page\":\"").append(r.page)
                            .append("\",\"title\":\"").append(r.title.replace("\"", "\\\""))
                            .append("\",\"source\":\"").append(r.source).append("\",\"medium\":\"").append(r.medium)
                            .append("\",\"country\":\"").append(r.country).append("\",\"device\":\"")
                            .append(r.device).append("\",\"session_id\":\"").append(r.sessionId)
                            .append("\",\"user_id\":").append(r.userId == null ? "null" : r.userId.toString())
                            .append(",\"engagement_ms\":").append(r.engagementMs).append(",\"revenue\":")
                            .append(r.revenue == null ? "null" : r.revenue).append("}\n");
                    j.append(line);
                }
            }
        }
    }

    private static void csvText(StringBuilder line, String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            line.append(s);
            return;
        }
        line.append('"').append(s.replace("\"", "\"\"")).append('"');
    }
}
