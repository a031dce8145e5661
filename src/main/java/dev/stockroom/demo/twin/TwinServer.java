package dev.stockroom.demo.twin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded HTTP server under every simulated vendor: binds 127.0.0.1, records each request,
 * applies the {@link Faults} switches, and enforces a concurrency cap where the vendor has one.
 * A vendor twin answers its own paths in {@link #handle} and says how it throttles and fails.
 *
 * <p>"Now" comes from the twin's clock, so the data it serves is the business as of that instant
 * and tests can move time forward between runs.
 */
public abstract class TwinServer implements AutoCloseable {

    protected final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<SeenRequest> seen = new ArrayList<>();
    private final Faults faults = new Faults();
    private final AtomicInteger inFlight = new AtomicInteger();

    protected TwinServer(Clock clock, int port) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public List<SeenRequest> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public void clearRequests() {
        synchronized (seen) {
            seen.clear();
        }
    }

    /** The vendor's answer to a request that passed the fault switches. */
    protected abstract Reply handle(SeenRequest request) throws Exception;

    /** The vendor's 429 answer. */
    protected abstract Reply tooManyRequests();

    /** The vendor's answer to a server fault (500 or 503). */
    protected abstract Reply serverError();

    /** Requests served at once before the vendor answers 429; unlimited unless a vendor caps it. */
    protected int maxConcurrentRequests() {
        return Integer.MAX_VALUE;
    }

    private void exchange(HttpExchange exchange) throws IOException {
        SeenRequest request = parse(exchange);
        synchronized (seen) {
            seen.add(request);
        }
        int concurrent = inFlight.incrementAndGet();
        try {
            Reply reply;
            if (concurrent > maxConcurrentRequests() || faults.takeRateLimited()) {
                reply = tooManyRequests();
            } else if (faults.takeServerError()) {
                reply = serverError();
            } else {
                try {
                    reply = handle(request);
                } catch (Exception e) {
                    reply = serverError();
                }
            }
            boolean broken = false;
            if (reply.status() == 200) {
                long delay = faults.slowPages().toMillis();
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                broken = faults.takeBrokenPage();
            }
            write(exchange, reply, broken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private static void write(HttpExchange exchange, Reply reply, boolean broken) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                // A broken page announces its full length and stops halfway: the connection is cut.
                out.write(body, 0, broken ? body.length / 2 : body.length);
            } catch (IOException clientWentAway) {
                // Nothing to do: the client closed first.
            }
        }
    }

    private SeenRequest parse(HttpExchange exchange) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        query.replaceAll((k, v) -> List.copyOf(v));
        return new SeenRequest(clock.instant(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                query, headers);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
