package dev.stockroom.source.rest;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Secrets;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Auth;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code type: rest}: any JSON API, declared in stockroom.yml (SPEC §5). Binding only: reads and
 * validates the settings, touches no network.
 */
public final class RestSourceFactory implements SourceFactory {

    private static final Map<String, String> AUTH_TYPES = Map.of(
            "bearer", "bearer", "basic", "basic", "api_key", "api_key", "none", "none");
    private static final Map<String, String> KEY_PLACES = Map.of("header", "header", "query", "query");
    /** Header names whose values are credentials even when written into the file literally. */
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i).*(auth|key|token|secret|signature|cookie).*");

    @Override
    public String type() {
        return "rest";
    }

    @Override
    public Source create(SourceConfig config) {
        ConfigNode s = config.settings();
        String baseUrl = s.string("base_url");
        URI base;
        try {
            base = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw s.error("base_url", "'" + Secrets.redact(baseUrl) + "' is not a URL; write e.g. https://api.example.com/v1");
        }
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
            throw s.error("base_url", "'" + Secrets.redact(baseUrl) + "' is not an http(s) URL; write e.g. "
                    + "https://api.example.com/v1");
        }
        Auth auth = s.optObject("auth").map(RestSourceFactory::auth).orElse(Auth.none());
        Map<String, String> headers = s.stringMap("headers");
        headers.forEach((name, value) -> {
            if (SECRET_HEADER.matcher(name).matches()) {
                Secrets.register(value);
            }
        });
        double perSecond = s.optDouble("max_requests_per_second").orElse(0.0);
        if (perSecond < 0) {
            throw s.error("max_requests_per_second", "must be positive (or left out for no limit)");
        }
        long concurrency = s.integer("max_concurrent_requests", 4);
        if (concurrency < 1) {
            throw s.error("max_concurrent_requests", "must be at least 1");
        }
        Duration timeout = s.optDuration("timeout").orElse(Duration.ofSeconds(60));

        List<ConfigNode> streamNodes = s.objects("streams");
        if (streamNodes.isEmpty()) {
            throw s.error(s.has("streams") ? "streams" : "", "a rest source needs at least one stream under streams:");
        }
        List<RestStream> streams = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : streamNodes) {
            RestStream stream = RestStreamConfig.read(node);
            if (!names.add(stream.spec().name())) {
                throw node.error("name", "two streams are named '" + stream.spec().name() + "'; names must be unique");
            }
            streams.add(stream);
        }
        s.finish();

        ApiClient client = ApiClient.builder()
                .auth(auth)
                .headers(headers)
                .readTimeout(timeout)
                .maxRequestsPerSecond(perSecond)
                .maxConcurrentRequests((int) concurrency)
                .build();
        return new RestSource(config.name(), baseUrl, client, streams, config.timezone());
    }

    static Auth auth(ConfigNode node) {
        String type = node.optChoice("type", AUTH_TYPES).orElseThrow(() -> node.missing("type"));
        Auth auth = switch (type) {
            case "bearer" -> Auth.bearer(node.string("token"), "check the token given in auth.token");
            case "basic" -> Auth.basic(node.string("username"), node.string("password", ""),
                    "check auth.username and auth.password");
            case "api_key" -> {
                String name = node.string("name");
                String value = node.string("value");
                String in = node.optChoice("in", KEY_PLACES).orElse("header");
                String hint = "check the key given in auth.value (sent as " + in + " " + name + ")";
                yield in.equals("query") ? Auth.apiKeyQuery(name, value, hint) : Auth.apiKeyHeader(name, value, hint);
            }
            default -> Auth.none();
        };
        node.finish();
        return auth;
    }
}
