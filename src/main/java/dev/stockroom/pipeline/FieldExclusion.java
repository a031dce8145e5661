package dev.stockroom.pipeline;

import dev.stockroom.source.ExcludedFields;
import dev.stockroom.source.RecordSink;
import dev.stockroom.warehouse.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drops a stream's excluded fields ({@link ExcludedFields}: the connector's credential fields and
 * the owner's {@code exclude_fields}) from every record before it is spooled: the one place this
 * happens, whatever the source. Maps on the way to a dropped field are copied, never changed, since
 * a connector may hand over maps it shares or cannot change.
 */
public final class FieldExclusion {

    private static final String ANY_DEPTH = "**";

    /**
     * One segment's name: a case-insensitive glob. Most are a plain name or one {@code *} at an
     * end ({@code *_token}), matched without a regular expression since every field of every
     * record meets them.
     */
    private record Name(String exact, String prefix, String suffix, Pattern glob) {
        static Name parse(String segment) {
            int star = segment.indexOf('*');
            if (star < 0) {
                return new Name(segment, null, null, null);
            }
            if (star == segment.lastIndexOf('*')) {
                return new Name(null, segment.substring(0, star), segment.substring(star + 1), null);
            }
            return new Name(null, null, null, Pattern.compile(Arrays.stream(segment.split("\\*", -1))
                    .map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse(""), Pattern.CASE_INSENSITIVE));
        }

        boolean matches(String key) {
            return test(key) || !plainSnake(key) && test(Names.snakeCase(key));
        }

        private boolean test(String key) {
            if (exact != null) {
                return exact.equalsIgnoreCase(key);
            }
            if (glob != null) {
                return glob.matcher(key).matches();
            }
            return key.length() >= prefix.length() + suffix.length()
                    && key.regionMatches(true, 0, prefix, 0, prefix.length())
                    && key.regionMatches(true, key.length() - suffix.length(), suffix, 0, suffix.length());
        }

        /** Already its own snake_case column name, so converting it would change nothing. */
        private static boolean plainSnake(String key) {
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One path, cut into segments ({@code null} name for {@code **}). */
    private record Path(List<String> segments, List<Name> names) {
        static Path parse(String text) {
            List<String> segments = Arrays.stream(text.strip().split("\\.")).filter(s -> !s.isEmpty()).toList();
            List<Name> names = segments.stream().map(s -> s.equals(ANY_DEPTH) ? null : Name.parse(s)).toList();
            return new Path(segments, names);
        }

        boolean matches(int at, String key) {
            return names.get(at).matches(key);
        }
    }

    /** Where one path has got to while walking a record. */
    private record Step(Path path, int at) {
    }

    private final List<Step> start;

    private FieldExclusion(List<Step> start) {
        this.start = start;
    }

    static FieldExclusion of(ExcludedFields fields) {
        List<Step> start = new ArrayList<>();
        for (String p : fields.all()) {
            Path path = Path.parse(p);
            if (!path.segments().isEmpty()) {
                start.add(new Step(path, 0));
            }
        }
        return new FieldExclusion(start);
    }

    /** Which of these top-level field names the exclusion drops (a stream's key must not be among them). */
    public static List<String> dropped(ExcludedFields fields, List<String> names) {
        FieldExclusion exclusion = of(fields);
        Map<String, Object> probe = new LinkedHashMap<>();
        names.forEach(n -> probe.put(n, ""));
        Map<String, Object> kept = exclusion.apply(probe);
        return names.stream().filter(n -> !kept.containsKey(n)).toList();
    }

    /** The sink, with excluded fields dropped from each record it receives. */
    RecordSink around(RecordSink sink) {
        if (start.isEmpty()) {
            return sink;
        }
        return new RecordSink() {
            @Override
            public void accept(Map<String, Object> record) throws Exception {
                sink.accept(apply(record));
            }

            @Override
            public void checkpoint(String cursor) throws Exception {
                sink.checkpoint(cursor);
            }

            @Override
            public void delete(Map<String, Object> key) throws Exception {
                sink.delete(key);
            }

            @Override
            public void warn(String message) {
                sink.warn(message);
            }

            @Override
            public void pageFetched(String description) {
                sink.pageFetched(description);
            }
        };
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> apply(Map<String, Object> record) {
        return (Map<String, Object>) strip(record, start);
    }

    /** The value without the fields the steps reach; the same object when nothing is dropped. */
    @SuppressWarnings("unchecked")
    private Object strip(Object value, List<Step> steps) {
        if (steps.isEmpty()) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                Object stripped = strip(item, steps);
                if (stripped != item && out == null) {
                    out = new ArrayList<>(list.subList(0, i));
                }
                if (out != null) {
                    out.add(stripped);
                }
            }
            return out == null ? value : out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> out = null;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
            List<Step> next = new ArrayList<>();
            boolean drop = false;
            for (Step s : steps) {
                drop |= advance(s.path(), s.at(), e.getKey(), next);
            }
            Object kept = drop ? null : strip(e.getValue(), next);
            if ((drop || kept != e.getValue()) && out == null) {
                out = new LinkedHashMap<>();
                for (Map.Entry<String, Object> before : ((Map<String, Object>) map).entrySet()) {
                    if (before.getKey().equals(e.getKey())) {
                        break;
                    }
                    out.put(before.getKey(), before.getValue());
                }
            }
            if (out != null && !drop) {
                out.put(e.getKey(), kept);
            }
        }
        return out == null ? value : out;
    }

    /**
     * Moves a path past one key: adds the steps that go on below it to {@code next}, and answers
     * whether the path ends on this key (the field is dropped).
     */
    private static boolean advance(Path path, int at, String key, List<Step> next) {
        int last = path.segments().size() - 1;
        if (path.segments().get(at).equals(ANY_DEPTH)) {
            if (at == last) {
                return true;
            }
            next.add(new Step(path, at)); // ** takes this key and may take more
            return advance(path, at + 1, key, next); // or none
        }
        if (!path.matches(at, key)) {
            return false;
        }
        if (at == last) {
            return true;
        }
        next.add(new Step(path, at + 1));
        return false;
    }
}
