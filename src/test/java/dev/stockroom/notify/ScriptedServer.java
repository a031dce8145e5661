package dev.stockroom.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real local HTTP server that answers from a script and records every request it took. */
final class ScriptedServer implements AutoCloseable {

    record Recorded(String method, String path, String query, String contentType, Map<String, List<String>> headers,
                    String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Answer(int status, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private Answer fallback = new Answer(200, "ok", Map.of());

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the next request with this; once the script runs out, the fallback answers. */
    ScriptedServer enqueue(int status, String body, Map<String, String> headers) {
        synchronized (script) {
            script.add(new Answer(status, body, headers));
        }
        return this;
    }

    ScriptedServer enqueue(int status, String body) {
        return enqueue(status, body, Map.of());
    }

    ScriptedServer always(int status, String body) {
        fallback = new Answer(status, body, Map.of());
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size() + ": " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer;
        synchronized (script) {
            answer = script.isEmpty() ? fallback : script.poll();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
