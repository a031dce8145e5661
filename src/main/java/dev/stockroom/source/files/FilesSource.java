package dev.stockroom.source.files;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.StreamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads CSV, NDJSON and JSON files matched by globs; incremental by file fingerprint. */
final class FilesSource implements Source {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> FINGERPRINTS = new TypeReference<>() {
    };

    private final Path baseDir;
    private final ZoneId zone;
    private final List<FilesStream> streams;

    FilesSource(Path baseDir, ZoneId zone, List<FilesStream> streams) {
        this.baseDir = baseDir;
        this.zone = zone;
        this.streams = streams;
    }

    @Override
    public List<StreamSpec> streams() {
        return streams.stream().map(FilesStream::spec).toList();
    }

    @Override
    public void check() throws Exception {
        for (FilesStream stream : streams) {
            if (Glob.match(baseDir, stream.path()).isEmpty() && !stream.allowEmpty()) {
                throw noMatch(stream);
            }
        }
    }

    /** What check and sync both say when a path matches nothing: a typo or a missing export, never zero rows. */
    private SourceException noMatch(FilesStream stream) {
        return SourceException.permanent("stream " + stream.name() + ": no file matches '" + stream.path()
                + "' (relative to " + baseDir + "); fix the path, or set allow_empty: true on the stream if "
                + "having no file is normal", null);
    }

    @Override
    public void read(StreamSpec spec, ReadRequest request, RecordSink sink) throws Exception {
        FilesStream stream = streams.stream().filter(s -> s.name().equals(spec.name())).findFirst().orElseThrow();
        // Only keyed streams skip unchanged files; a keyless stream is read whole, so its files need no fingerprint.
        boolean byFile = spec.incremental() == Incremental.CURSOR;
        TreeMap<String, String> loaded = request.cursor() == null || !byFile
                ? new TreeMap<>() : JSON.readValue(request.cursor(), FINGERPRINTS);
        FileReaders readers = new FileReaders(zone);
        List<Path> files = Glob.match(baseDir, stream.path());
        if (files.isEmpty()) {
            if (!stream.allowEmpty()) {
                throw noMatch(stream);
            }
            sink.warn("no file matches '" + stream.path() + "' (allowed by allow_empty: true)");
        }
        for (Path file : files) {
            String name = baseDir.relativize(file).toString();
            String fingerprint = byFile ? Fingerprint.of(file) : null;
            if (byFile && fingerprint.equals(loaded.get(name))) {
                continue;
            }
            try {
                long padded = readers.read(file, stream.format(), stream.delimiter(), sink);
                if (padded > 0) {
                    sink.warn(name + ": " + padded + " rows had fewer cells than the header; "
                            + "the missing cells are empty (null)");
                }
            } catch (IOException | RuntimeException e) {
                throw SourceException.permanent("cannot read " + name + ": " + e.getMessage()
                        + "; fix or remove the file, then sync again", e);
            }
            sink.pageFetched(name);
            if (byFile) {
                loaded.put(name, fingerprint);
                sink.checkpoint(JSON.writeValueAsString(loaded));
            }
        }
    }


}
