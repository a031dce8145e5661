package dev.stockroom.source.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP server answering from a script, recording what it was asked. */
public final class ScriptedServer implements AutoCloseable {

    /** A request as the server saw it. */
    public record Seen(String method, String path, Map<String, String> params, Headers headers) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Writes a body as it goes, for bodies too large to hold. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A scripted answer. */
    public record Reply(int status, Map<String, String> headers, BodyWriter body, long delayMillis) {
        public static Reply json(String body) {
            return status(200, body);
        }

        public static Reply status(int status, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Reply(status, Map.of("Content-Type", "application/json"), out -> out.write(bytes), 0);
        }

        public static Reply streaming(BodyWriter writer) {
            return new Reply(200, Map.of("Content-Type", "application/json"), writer, 0);
        }

        public Reply header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, copy, body, delayMillis);
        }

        /** Waits this long before sending the headers. */
        public Reply delayed(long millis) {
            return new Reply(status, headers, body, millis);
        }
    }

    /** Chooses the reply for the n-th request (1-based). */
    @FunctionalInterface
    public interface Script {
        Reply reply(Seen request, int number) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger count = new AtomicInteger();

    public ScriptedServer(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        params(exchange), exchange.getRequestHeaders());
                seen.add(request);
                Reply reply = script.reply(request, count.incrementAndGet());
                answer(exchange, reply);
            } catch (Exception e) {
                // A client that gave up closes the connection under us; nothing to do.
            }
        });
        server.start();
    }

    /** Replies in order; the last one repeats. */
    public static ScriptedServer sequence(Reply... replies) throws IOException {
        return new ScriptedServer((request, n) -> replies[Math.min(n, replies.length) - 1]);
    }

    private static void answer(HttpExchange exchange, Reply reply) throws Exception {
        if (reply.delayMillis() > 0) {
            Thread.sleep(reply.delayMillis());
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), 0);
        try (OutputStream out = exchange.getResponseBody()) {
            reply.body().write(out);
        }
    }

    private static Map<String, String> params(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
        }
        return params;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
