package dev.stockroom.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The page's scripts and styles, from the jar: no CDN, nothing from the network at run time. */
final class Assets {

    /** ECharts from the org.webjars.npm:echarts webjar. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    record Asset(String contentType, byte[] body) {
    }

    private static final Map<String, String[]> PATHS = Map.of(
            "/assets/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"},
            "/assets/app.js", new String[] {"dev/stockroom/dashboard/app.js", "text/javascript; charset=utf-8"},
            "/assets/app.css", new String[] {"dev/stockroom/dashboard/app.css", "text/css; charset=utf-8"});

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    Optional<Asset> get(String path) throws IOException {
        String[] where = PATHS.get(path);
        if (where == null) {
            return Optional.empty();
        }
        Asset cached = loaded.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(where[0])) {
            if (in == null) {
                throw new IOException("missing from the jar: " + where[0]);
            }
            Asset asset = new Asset(where[1], in.readAllBytes());
            loaded.put(path, asset);
            return Optional.of(asset);
        }
    }
}
