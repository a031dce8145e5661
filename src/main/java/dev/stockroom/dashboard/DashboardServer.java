package dev.stockroom.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockroom.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's HTTP server (the JDK's own). Binds 127.0.0.1 unless told otherwise; bound to
 * any other address it refuses to start without a password, and with a password every page sits
 * behind a login.
 */
public final class DashboardServer implements AutoCloseable {

    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;
    private final Sessions sessions;
    private final Assets assets = new Assets();

    private DashboardServer(HttpServer server, ExecutorService executor, DashboardContext context) {
        this.server = server;
        this.executor = executor;
        this.routes = new Routes(context);
        this.sessions = new Sessions(context.settings().password(), context.clock());
    }

    /**
     * Starts serving.
     *
     * @throws ConfigException when bound off loopback without a password (exit code 2)
     * @throws IOException     when the address cannot be bound (port in use)
     */
    public static DashboardServer start(DashboardContext context) throws IOException {
        DashboardSettings settings = context.settings();
        InetAddress address = InetAddress.getByName(settings.bind());
        if (!address.isLoopbackAddress() && settings.password().isEmpty()) {
            throw new ConfigException("refusing to serve the dashboard on " + settings.bind() + " without a password: "
                    + "anyone who can reach it would see your data. Set STOCKROOM_PASSWORD (or dashboard.password "
                    + "in stockroom.yml), or bind 127.0.0.1 and use an SSH tunnel.");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(address, settings.port()), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "dashboard");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        DashboardServer server = new DashboardServer(http, executor, context);
        http.createContext("/", server::serve);
        http.start();
        return server;
    }

    /** Serves another path beside the dashboard (the daemon's /metrics and /healthz). */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:8080/}, for the console. */
    public String url() {
        InetAddress a = server.getAddress().getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = Request.of(exchange);
            Optional<Assets.Asset> asset = request.path().startsWith("/assets/") ? assets.get(request.path())
                    : Optional.empty();
            if (asset.isPresent()) {
                exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
                send(exchange, new Routes.Reply(200, asset.get().contentType(), asset.get().body(), Map.of()));
                return;
            }
            String token = request.cookies().get(Sessions.COOKIE);
            if (request.path().equals("/login")) {
                send(exchange, login(request));
                return;
            }
            if (request.path().equals("/logout") && request.method().equals("POST")) {
                sessions.logout(token);
                exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE
                        + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
                send(exchange, Routes.Reply.redirect("/login"));
                return;
            }
            if (!sessions.valid(token)) {
                String next = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
                send(exchange, Routes.Reply.html(401, LoginPage.html(next, null)));
                return;
            }
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                send(exchange, Routes.Reply.html(405, "method not allowed"));
                return;
            }
            send(exchange, routes.handle(request, sessions.required()));
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            send(exchange, Routes.Reply.html(500, "<!DOCTYPE html><title>Error</title><link rel=\"stylesheet\" "
                    + "href=\"/assets/app.css\"><main><div class=\"error-box\">Something went wrong: "
                    + Html.esc(message) + "</div></main>"));
        }
    }

    private Routes.Reply login(Request request) {
        if (!request.method().equals("POST")) {
            return Routes.Reply.html(200, LoginPage.html(request.query().getOrDefault("next", "/"), null));
        }
        String next = safeNext(request.form().getOrDefault("next", "/"));
        try {
            Optional<String> token = sessions.login(request.client(), request.form().get("password"));
            if (token.isEmpty()) {
                return Routes.Reply.html(401, LoginPage.html(next, "Wrong password."));
            }
            return new Routes.Reply(303, "text/plain", new byte[0], Map.of("Location", next, "Set-Cookie",
                    Sessions.COOKIE + "=" + token.get() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                            + Sessions.LIFETIME.toSeconds()));
        } catch (Sessions.Throttled e) {
            return Routes.Reply.html(429, LoginPage.html(next, "Too many failed attempts: wait a few minutes."));
        }
    }

    /** Only a path on this server, never another site. */
    private static String safeNext(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next
                : "/";
    }

    /** Where every page leaves the process: text bodies (pages, errors, CSV) are redacted here, once. */
    private static void send(HttpExchange exchange, Routes.Reply reply) throws IOException {
        reply = redacted(reply);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        reply.headers().forEach(headers::add);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), head || reply.body().length == 0 ? -1 : reply.body().length);
        if (!head && reply.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    /** Pages, plain-text errors and CSV downloads; the jar's own assets (scripts, styles) pass as they are. */
    private static Routes.Reply redacted(Routes.Reply reply) {
        String type = reply.contentType();
        if (!type.startsWith("text/html") && !type.startsWith("text/plain") && !type.startsWith("text/csv")
                && !type.startsWith("application/json")) {
            return reply;
        }
        byte[] body = dev.stockroom.config.Secrets.redact(new String(reply.body(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return new Routes.Reply(reply.status(), type, body, reply.headers());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
