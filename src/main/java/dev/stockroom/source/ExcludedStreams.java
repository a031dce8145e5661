package dev.stockroom.source;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Nearest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code exclude_streams: [name, ...]}, the one way to turn streams off on any source: the
 * connector is asked as usual and the named streams are left out of what it offers, so they are
 * never read, never planned and not shown by {@code status}. A name the connector does not offer
 * is a configuration error with the nearest stream name.
 */
final class ExcludedStreams implements Source {

    static final String KEY = "exclude_streams";

    private final Source source;
    private final Set<String> excluded;

    private ExcludedStreams(Source source, Set<String> excluded) {
        this.source = source;
        this.excluded = excluded;
    }

    /** The names under {@code exclude_streams}, read before the connector's factory finishes the node. */
    static List<String> read(ConfigNode settings) {
        return settings.strings(KEY);
    }

    /** The source without the excluded streams; checks each name against the connector's own. */
    static Source apply(Source source, List<String> names, ConfigNode settings) {
        if (names.isEmpty()) {
            return source;
        }
        List<String> offered = source.streams().stream().map(StreamSpec::name).toList();
        for (String name : names) {
            if (!offered.contains(name)) {
                closeQuietly(source);
                throw settings.error(KEY, "this source has no stream '" + name + "'" + Nearest.hint(name, offered)
                        + " (its streams: " + String.join(", ", offered) + ")");
            }
        }
        return new ExcludedStreams(source, Set.copyOf(names));
    }

    @Override
    public List<StreamSpec> streams() {
        return source.streams().stream().filter(s -> !excluded.contains(s.name())).toList();
    }

    @Override
    public void read(StreamSpec stream, ReadRequest request, RecordSink sink) throws Exception {
        source.read(stream, request, sink);
    }

    @Override
    public void check() throws Exception {
        source.check();
    }

    @Override
    public Optional<ZoneId> vendorTimezone() throws Exception {
        return source.vendorTimezone();
    }

    @Override
    public Optional<Duration> defaultLookback() {
        return source.defaultLookback();
    }

    @Override
    public void close() throws Exception {
        source.close();
    }

    private static void closeQuietly(Source source) {
        try {
            source.close();
        } catch (Exception e) {
            // The configuration error is what the user needs to read.
        }
    }
}
