package dev.stockroom.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message that is too long for one chat message into parts of at most {@code max}
 * characters, between lines. A single line longer than {@code max} is cut hard, but never inside
 * an HTML entity or tag such as {@code &amp;} or {@code <b>},
 * nor between the two halves of an emoji. Blank lines at the edges of a
 * part and blank parts are dropped (chats reject empty messages).
 */
final class MessageSplitter {

    private MessageSplitter() {
    }

    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            if (current != null && current.length() + 1 + line.length() <= max) {
                current.append('\n').append(line);
                continue;
            }
            if (current != null) {
                parts.add(current.toString());
            }
            String rest = line;
            while (rest.length() > max) {
                int cut = safeCut(rest, max);
                parts.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            current = new StringBuilder(rest);
        }
        parts.add(current.toString());
        parts.replaceAll(part -> part.replaceAll("^\n+|\n+$", ""));
        parts.removeIf(String::isBlank);
        return parts;
    }

    /** The largest cut at or below max that does not fall inside {@code &...;} or {@code <...>}. */
    private static int safeCut(String line, int max) {
        int amp = line.lastIndexOf('&', max - 1);
        if (amp >= 0 && amp > max - 10) {
            int semi = line.indexOf(';', amp);
            if (semi >= max && amp > 0) {
                return amp;
            }
        }
        int open = line.lastIndexOf('<', max - 1);
        if (open > 0) {
            int close = line.indexOf('>', open);
            if (close >= max) {
                return open;
            }
        }
        return Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
    }
}
