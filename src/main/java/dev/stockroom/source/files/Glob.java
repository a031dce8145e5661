package dev.stockroom.source.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands a path with glob characters ({@code exports/refunds-*.csv}) into the files it matches, sorted. */
final class Glob {

    private Glob() {
    }

    static List<Path> match(Path baseDir, String pattern) throws IOException {
        Path absolute = baseDir.resolve(pattern).normalize();
        String text = absolute.toString();
        int wildcard = firstWildcard(text);
        if (wildcard < 0) {
            return Files.isRegularFile(absolute) ? List.of(absolute) : List.of();
        }
        Path root = Path.of(text.substring(0, text.lastIndexOf('/', wildcard) + 1));
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + text);
        // Following links: an export folder is often a symlink into a synced drive.
        try (Stream<Path> files = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
        }
    }

    private static int firstWildcard(String text) {
        int best = -1;
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = text.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
