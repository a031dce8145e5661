package dev.stockroom.source;

import dev.stockroom.config.SourceConfig;

/**
 * Creates a connector from its configuration. Binding only: a factory validates the settings
 * (through {@link dev.stockroom.config.ConfigNode}, which reports file, line and key) and must not
 * touch the network; {@link Source#check()} does that.
 */
public interface SourceFactory {

    /** The {@code type:} this factory answers to, e.g. {@code files}. */
    String type();

    /**
     * Reads the connector's own keys from {@code config.settings()} and calls
     * {@code settings().finish()} so that a misspelled key is reported.
     */
    Source create(SourceConfig config);
}
