package dev.stockroom.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus text format 0.0.4 back, strictly enough to catch what a scraper rejects:
 * a sample before its family's TYPE, a TYPE given twice, a malformed label or value.
 */
public final class PrometheusTextParser {

    public record Family(String name, String type, String help) { }

    public record Sample(String name, Map<String, String> labels, double value) { }

    public final Map<String, Family> families = new LinkedHashMap<>();
    public final List<Sample> samples = new ArrayList<>();

    public static PrometheusTextParser parse(String text) {
        PrometheusTextParser parser = new PrometheusTextParser();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        Map<String, String> help = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], unescape(parts[1]));
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parser.families.containsKey(parts[0])) {
                    throw new IllegalArgumentException("second TYPE line for " + parts[0]);
                }
                parser.families.put(parts[0], new Family(parts[0], parts[1], help.get(parts[0])));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Sample sample = sample(line);
                if (!parser.families.containsKey(sample.name())) {
                    throw new IllegalArgumentException("sample before its TYPE line: " + line);
                }
                parser.samples.add(sample);
            }
        }
        return parser;
    }

    /** The value of the one sample with this name and labels. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + labels + " in " + samples);
        }
        return found.get(0).value();
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == ':')) {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf("=\"", i);
                String label = line.substring(i, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(switch (next) {
                            case 'n' -> '\n';
                            case '\\', '"' -> next;
                            default -> throw new IllegalArgumentException("bad escape \\" + next + " in " + line);
                        });
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (line.charAt(i) != ' ') {
            throw new IllegalArgumentException("expected a space before the value: " + line);
        }
        String[] rest = line.substring(i + 1).split(" ");
        return new Sample(name, labels, parseValue(rest[0]));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\\' && i + 1 < text.length() ? (text.charAt(++i) == 'n' ? '\n' : text.charAt(i)) : c);
        }
        return out.toString();
    }
}
