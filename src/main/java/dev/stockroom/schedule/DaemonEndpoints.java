package dev.stockroom.schedule;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code /healthz} and {@code /metrics} of the daemon, on any JDK HttpServer. */
public final class DaemonEndpoints {

    private DaemonEndpoints() {
    }

    public static void mount(HttpServer server, Metrics metrics, Supplier<String> health) {
        server.createContext("/metrics", exchange -> send(exchange, 200, Metrics.CONTENT_TYPE, metrics.render()));
        server.createContext("/healthz", exchange -> send(exchange, 200, "text/plain; charset=utf-8", health.get()));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
