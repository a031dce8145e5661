package dev.stockroom.warehouse;

import java.util.Locale;

/** Sizes of query values as the byte cap counts them, and byte sizes as text. */
public final class ByteCounts {

    private ByteCounts() {
    }

    /** Text counts its characters, binary its bytes, anything else 8 (a number, a date). */
    static long of(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        return 8;
    }

    /** 52428800 → "50MB". */
    public static String text(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && value % 1024 == 0 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + units[unit];
    }

    /** "50MB", "512KB", "1GB", "1000" (bytes); units are powers of 1024. */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(B|KB|MB|GB|TB)?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write e.g. 50MB, 512KB or 1GB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        if (n < 1) {
            throw new IllegalArgumentException("'" + text + "' must be at least 1 byte");
        }
        return n << shift;
    }
}
