package dev.stockroom.source.http;

import java.io.InputStream;
import java.util.Properties;

/** {@code Stockroom/<version>}, the version taken from the jar's Maven metadata when packaged. */
final class UserAgent {

    static final String VALUE = "Stockroom/" + version();

    private UserAgent() {
    }

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream(
                "/META-INF/maven/dev.stockroom/stockroom/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version;
                }
            }
        } catch (Exception ignored) {
            // Fall through: a missing version must not stop a sync.
        }
        String implementation = UserAgent.class.getPackage().getImplementationVersion();
        return implementation != null ? implementation : "dev";
    }
}
