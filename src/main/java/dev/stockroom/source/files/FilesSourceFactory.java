package dev.stockroom.source.files;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.StreamSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code type: files}: CSV, NDJSON and JSON files, local paths or globs. */
public final class FilesSourceFactory implements SourceFactory {

    private static final Map<String, FileFormat> FORMATS = Map.of(
            "csv", FileFormat.CSV, "ndjson", FileFormat.NDJSON, "jsonl", FileFormat.NDJSON, "json", FileFormat.JSON);

    @Override
    public String type() {
        return "files";
    }

    @Override
    public Source create(SourceConfig config) {
        ConfigNode settings = config.settings();
        List<FilesStream> streams = new ArrayList<>();
        for (ConfigNode node : settings.objects("streams")) {
            StreamSettings common = StreamSettings.read(node);
            String path = node.string("path");
            FileFormat format = node.optChoice("format", FORMATS).orElseGet(() -> FileFormat.fromName(path)
                    .orElseThrow(() -> node.error("format", "cannot tell the format of '" + path
                            + "' from its name; add format: csv, ndjson or json")));
            String delimiter = node.string("delimiter", ",");
            if (delimiter.length() != 1) {
                throw node.error("delimiter", "a delimiter is one character, e.g. ',' or ';'");
            }
            FilesStream stream = new FilesStream(common.name(), path, format, delimiter.charAt(0),
                    common.primaryKey(), common.excludeFields()).withMirroring(common.deletes(), common.reconcile())
                    .allowingEmpty(node.bool("allow_empty", false));
            common.apply(stream.spec(), node);
            streams.add(common.writeMode() == null ? stream : stream.withWriteMode(common.writeMode()));
            node.finish();
        }
        settings.finish();
        if (streams.isEmpty()) {
            throw settings.missing("streams");
        }
        return new FilesSource(settings.baseDir(), config.timezone(), streams);
    }
}
