package dev.stockroom.source;

import dev.stockroom.config.Nearest;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.files.FilesSourceFactory;
import dev.stockroom.source.jdbc.JdbcSourceFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every connector type Stockroom knows, by its {@code type:} name. */
public final class SourceTypes {

    private static final Map<String, SourceFactory> FACTORIES = new LinkedHashMap<>();

    static {
        for (SourceFactory factory : List.<SourceFactory>of(
                new FilesSourceFactory(),
                new JdbcSourceFactory(),
                new dev.stockroom.source.rest.RestSourceFactory(),
                new dev.stockroom.source.stripe.StripeSourceFactory(),
                new dev.stockroom.source.ghost.GhostSourceFactory(),
                new dev.stockroom.source.mailchimp.MailchimpSourceFactory(),
                new dev.stockroom.source.kit.KitSourceFactory(),
                new dev.stockroom.source.plausible.PlausibleSourceFactory(),
                new dev.stockroom.source.googleanalytics.GoogleAnalyticsSourceFactory())) {
            FACTORIES.put(factory.type(), factory);
        }
    }

    private SourceTypes() {
    }

    public static Source create(SourceConfig config) {
        SourceFactory factory = FACTORIES.get(config.type());
        if (factory == null) {
            throw config.settings().error("type", "unknown source type '" + config.type() + "'"
                    + Nearest.hint(config.type(), FACTORIES.keySet())
                    + " (known types: " + String.join(", ", FACTORIES.keySet()) + ")");
        }
        // Read before the factory, which rejects keys nobody asked for when it finishes the node.
        List<String> excluded = ExcludedStreams.read(config.settings());
        return ExcludedStreams.apply(factory.create(config), excluded, config.settings());
    }
}
