package dev.stockroom.config;

import java.nio.file.Path;

/** The file a {@link ConfigNode} came from: its name for messages, its lines and its folder. */
record ConfigFile(String name, YamlTree tree, EnvSubstitution env, Path baseDir) {

    /** "stockroom.yml:12 (sources[0].url)" */
    String where(String path) {
        int line = tree.lineOf(path);
        String at = line > 0 ? name + ":" + line : name;
        return path.isEmpty() ? at : at + " (" + path + ")";
    }
}
