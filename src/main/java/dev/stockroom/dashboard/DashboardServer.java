package dev.stockroom.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockroom.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's HTTP server (the JDK's own). Binds 127.0.0.1 unless told otherwise; bound to
 * any other address it refuses to start without a password, and with a password every page sits
 * behind a login.
 *
 * <p>Every request must name this server in its Host header ({@link Origins}); every POST must come
 * from this server's own page and, past the login, carry the form's CSRF token ({@link Csrf}).
 * Queries of the owner's own SQL are POSTs, so no link or image on another page can run one.
 */
public final class DashboardServer implements AutoCloseable {

    private static final int THREADS = 8;
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;
    private final Sessions sessions;
    private final Login login;
    private final Csrf csrf = new Csrf();
    private final Origins origins;
    private final Forwarding forwarding;
    private final Assets assets = new Assets();

    private DashboardServer(HttpServer server, ExecutorService executor, DashboardContext context, Origins origins,
                            LoginThrottle.Policy policy) {
        this.server = server;
        this.executor = executor;
        this.routes = new Routes(context);
        this.sessions = new Sessions(context.settings().password(), context.clock());
        this.forwarding = new Forwarding(context.settings().web());
        this.login = new Login(sessions, new LoginThrottle(policy, context.clock()), forwarding);
        this.origins = origins;
    }

    /**
     * Starts serving.
     *
     * @throws ConfigException when bound off loopback without a password (exit code 2)
     * @throws IOException     when the address cannot be bound (port in use)
     */
    public static DashboardServer start(DashboardContext context) throws IOException {
        return start(context, LoginThrottle.Policy.DEFAULT);
    }

    /** With the given login delays (tests use short ones). */
    static DashboardServer start(DashboardContext context, LoginThrottle.Policy logins) throws IOException {
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
        Origins origins = new Origins(settings.bind(), address, http.getAddress().getPort(),
                settings.web().allowedHosts());
        DashboardServer server = new DashboardServer(http, executor, context, origins, logins);
        http.createContext("/", server::serve);
        http.start();
        return server;
    }

    /** Serves another path beside the dashboard (the daemon's /metrics and /healthz), behind the same Host check. */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, exchange -> {
            Optional<String> refused = origins.refuseHost(exchange.getRequestHeaders().getFirst("Host"));
            if (refused.isPresent()) {
                try (exchange) {
                    send(exchange, Routes.Reply.text(421, refused.get()));
                }
                return;
            }
            handler.handle(exchange);
        });
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
        boolean handedOff = false;
        try {
            Request request = Request.of(exchange);
            Optional<String> foreignHost = origins.refuseHost(request.header("host"));
            if (foreignHost.isPresent()) {
                send(exchange, Routes.Reply.text(421, foreignHost.get()));
                return;
            }
            Optional<String> crossOrigin = request.method().equals("POST") ? origins.refuseCrossOrigin(request)
                    : Optional.empty();
            if (crossOrigin.isPresent()) {
                send(exchange, Routes.Reply.text(403, crossOrigin.get()));
                return;
            }
            Optional<Assets.Asset> asset = request.path().startsWith("/assets/") ? assets.get(request.path())
                    : Optional.empty();
            if (asset.isPresent()) {
                exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
                send(exchange, new Routes.Reply(200, asset.get().contentType(), asset.get().body(), Map.of()));
                return;
            }
            if (request.path().equals("/login")) {
                handedOff = login.handle(exchange, request);
                return;
            }
            String session = request.cookies().get(Sessions.COOKIE);
            if (!sessions.valid(session)) {
                String next = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
                send(exchange, Routes.Reply.html(401, LoginPage.html(next, null)));
                return;
            }
            String token = csrfToken(exchange, request, session);
            if (request.method().equals("POST") && !Csrf.same(token, request.form().get(Csrf.FIELD))) {
                send(exchange, Routes.Reply.text(403, "Refused: this form did not carry the dashboard's current "
                        + "CSRF token, so it was not sent by the dashboard's own page (or the page dates from before "
                        + "the server restarted). Reload the page and submit again."));
                return;
            }
            if (request.path().equals("/logout") && request.method().equals("POST")) {
                sessions.logout(session);
                exchange.getResponseHeaders().add("Set-Cookie",
                        forwarding.cookie(Sessions.COOKIE, "", Duration.ZERO, request));
                send(exchange, Routes.Reply.redirect("/login"));
                return;
            }
            send(exchange, routes.handle(request, new Routes.Viewer(sessions.required(), token)));
        } catch (Request.TooLarge e) {
            send(exchange, Routes.Reply.text(413, "Refused: " + e.getMessage() + "."));
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            send(exchange, Routes.Reply.html(500, "<!DOCTYPE html><title>Error</title><link rel=\"stylesheet\" "
                    + "href=\"/assets/app.css\"><main><div class=\"error-box\">Something went wrong: "
                    + Html.esc(message) + "</div></main>"));
        } finally {
            if (!handedOff) {
                exchange.close();
            }
        }
    }

    /**
     * The CSRF token this visitor's forms carry: bound to the session with a password; without one the
     * signed double-submit cookie, set here when the visitor has none yet (a POST without it fails).
     */
    private String csrfToken(HttpExchange exchange, Request request, String session) {
        if (sessions.required()) {
            return csrf.forSession(session);
        }
        String cookie = request.cookies().get(Csrf.COOKIE);
        if (csrf.signed(cookie)) {
            return cookie;
        }
        String fresh = csrf.fresh();
        exchange.getResponseHeaders().add("Set-Cookie", forwarding.cookie(Csrf.COOKIE, fresh, null, request));
        return request.method().equals("POST") ? null : fresh;
    }

    /** Where every page leaves the process: text bodies (pages, errors, CSV) are redacted here, once. */
    static void send(HttpExchange exchange, Routes.Reply reply) throws IOException {
        reply = redacted(reply);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own form posts.
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Content-Security-Policy", CSP);
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
        login.close();
        executor.shutdownNow();
    }
}
