package dev.stockroom.schedule;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code /healthz} and {@code /metrics} of the daemon, mounted beside the dashboard. {@code /healthz}
 * answers 200 with a body starting {@code ok}, or 503 with the reason, so that a load balancer,
 * Docker's {@code HEALTHCHECK} or an uptime monitor can watch the process.
 */
public final class DaemonEndpoints {

    /** What {@code /healthz} says: healthy or not, and a few lines of text. */
    public record Health(boolean ok, String text) {

        public static Health ok(String detail) {
            return new Health(true, "ok\n" + detail);
        }

        public static Health failing(String reason) {
            return new Health(false, "unhealthy: " + reason + "\n");
        }
    }

    private DaemonEndpoints() {
    }

    public static void mount(java.util.function.BiConsumer<String, com.sun.net.httpserver.HttpHandler> server,
                             Metrics metrics, Supplier<Health> health) {
        server.accept("/metrics", exchange -> send(exchange, 200, Metrics.CONTENT_TYPE, metrics.render()));
        server.accept("/healthz", exchange -> {
            Health h = health.get();
            send(exchange, h.ok() ? 200 : 503, "text/plain; charset=utf-8", h.text());
        });
    }

    /** The daemon's own exit point beside the dashboard's: what it answers is redacted here. */
    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            byte[] bytes = dev.stockroom.config.Secrets.redact(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
