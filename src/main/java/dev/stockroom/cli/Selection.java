package dev.stockroom.cli;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.Nearest;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.source.StreamSpec;
import java.util.List;

/** Checks {@code SOURCE[.STREAM]} arguments against the configuration, suggesting the nearest name. */
final class Selection {

    private Selection() {
    }

    static void check(Project project, List<String> selection) {
        StockroomConfig config = project.config;
        List<String> sources = config.sources().stream().map(SourceConfig::name).toList();
        for (String item : selection) {
            String sourceName = item.contains(".") ? item.substring(0, item.indexOf('.')) : item;
            SourceConfig source = config.source(sourceName).orElseThrow(() -> new ConfigException(
                    "no source named '" + sourceName + "' in " + config.file().getFileName()
                            + Nearest.hint(sourceName, sources) + " (sources: " + String.join(", ", sources) + ")"));
            if (item.contains(".")) {
                String streamName = item.substring(item.indexOf('.') + 1);
                List<String> streams = project.streamsOf(source).stream().map(StreamSpec::name).toList();
                if (!streams.contains(streamName)) {
                    throw new ConfigException("source '" + sourceName + "' has no stream '" + streamName + "'"
                            + Nearest.hint(streamName, streams) + " (streams: " + String.join(", ", streams) + ")");
                }
            }
        }
    }
}
