package dev.stockroom.demo.ghost;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The part of Ghost's filter language (NQL) the twin understands: {@code field:value},
 * {@code field:-value} (not), {@code :>}, {@code :>=}, {@code :<}, {@code :<=}, quoted values,
 * {@code +} (and), {@code ,} (or) and parentheses. Timestamps in filters are
 * {@code 'YYYY-MM-DD HH:mm:ss'} in UTC and compare as instants with the records' ISO times.
 */
final class Nql {

    private final String text;
    private final java.util.Set<String> fields = new java.util.LinkedHashSet<>();
    private int at;

    private Nql(String text) {
        this.text = text;
    }

    static Predicate<Map<String, Object>> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return r -> true;
        }
        Nql p = new Nql(filter.strip());
        Predicate<Map<String, Object>> out = p.or();
        if (p.at != p.text.length()) {
            throw new IllegalArgumentException("unexpected '" + p.text.substring(p.at) + "' in filter");
        }
        return out;
    }

    /** The fields a filter names, so that the twin can refuse one the resource lacks, as Ghost does. */
    static java.util.Set<String> fields(String filter) {
        if (filter == null || filter.isBlank()) {
            return java.util.Set.of();
        }
        Nql p = new Nql(filter.strip());
        p.or();
        return p.fields;
    }

    private Predicate<Map<String, Object>> or() {
        Predicate<Map<String, Object>> left = and();
        while (peek(',')) {
            at++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, Object>> and() {
        Predicate<Map<String, Object>> left = factor();
        while (peek('+')) {
            at++;
            left = left.and(factor());
        }
        return left;
    }

    private Predicate<Map<String, Object>> factor() {
        if (peek('(')) {
            at++;
            Predicate<Map<String, Object>> inner = or();
            expect(')');
            return inner;
        }
        int colon = text.indexOf(':', at);
        if (colon < 0) {
            throw new IllegalArgumentException("expected field:value at '" + text.substring(at) + "'");
        }
        String field = text.substring(at, colon).strip();
        fields.add(field);
        at = colon + 1;
        String op = "";
        for (String candidate : new String[] {">=", "<=", ">", "<", "-"}) {
            if (text.startsWith(candidate, at)) {
                op = candidate;
                at += candidate.length();
                break;
            }
        }
        String value = value();
        String operator = op;
        return record -> test(record.get(field), operator, value);
    }

    private String value() {
        if (peek('\'')) {
            int end = text.indexOf('\'', at + 1);
            String v = text.substring(at + 1, end);
            at = end + 1;
            return v;
        }
        int start = at;
        while (at < text.length() && ",+()".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        return text.substring(start, at).strip();
    }

    private static boolean test(Object actual, String op, String value) {
        if (op.isEmpty() || op.equals("-")) {
            boolean equal = Objects.equals(String.valueOf(actual), value)
                    || value.equals("null") && actual == null;
            return op.isEmpty() == equal;
        }
        if (actual == null) {
            return false;
        }
        int cmp = compare(actual.toString(), value);
        return switch (op) {
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    private static int compare(String actual, String value) {
        if (value.matches("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?")) {
            Instant bound = (value.length() == 10 ? LocalDateTime.parse(value + "T00:00:00")
                    : LocalDateTime.parse(value.replace(' ', 'T'))).toInstant(ZoneOffset.UTC);
            return Instant.parse(actual).compareTo(bound);
        }
        return actual.compareTo(value);
    }

    private boolean peek(char c) {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw new IllegalArgumentException("expected '" + c + "' in filter at " + at);
        }
        at++;
    }
}
