package dev.stockroom.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code /login}: the form, and its POST checked after the attempt's {@link LoginThrottle} delay.
 * The wait runs on a timer, not on a request thread, so waiting guesses do not hold the pages up.
 */
final class Login implements AutoCloseable {

    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Forwarding forwarding;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-login");
        t.setDaemon(true);
        return t;
    });

    Login(Sessions sessions, LoginThrottle throttle, Forwarding forwarding) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.forwarding = forwarding;
    }

    /** Answers {@code /login}; returns whether the exchange went to the timer (which then closes it). */
    boolean handle(HttpExchange exchange, Request request) throws IOException {
        if (!sessions.required()) {
            DashboardServer.send(exchange, Routes.Reply.redirect("/"));
            return false;
        }
        if (!request.method().equals("POST")) {
            DashboardServer.send(exchange, Routes.Reply.html(200,
                    LoginPage.html(request.query().getOrDefault("next", "/"), null)));
            return false;
        }
        String next = safeNext(request.form().getOrDefault("next", "/"));
        Optional<LoginThrottle.Ticket> ticket = throttle.reserve(forwarding.client(request));
        if (ticket.isEmpty()) {
            DashboardServer.send(exchange, Routes.Reply.html(429, LoginPage.html(next, "Too many login attempts are "
                    + "waiting at once; try again in a few seconds.")));
            return false;
        }
        try {
            timer.schedule(() -> answer(exchange, request, next, ticket.get()), ticket.get().delay().toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            throttle.finished(ticket.get(), false);
            return false; // the server is stopping
        }
    }

    private void answer(HttpExchange exchange, Request request, String next, LoginThrottle.Ticket ticket) {
        try (exchange) {
            Optional<String> token = sessions.login(request.form().get("password"));
            throttle.finished(ticket, token.isPresent());
            if (token.isEmpty()) {
                Duration wait = throttle.next(ticket.client());
                DashboardServer.send(exchange, Routes.Reply.html(401, LoginPage.html(next, "Wrong password."
                        + (wait.isZero() ? "" : " Each failed attempt makes the next one wait longer: the next waits "
                        + LoginPage.seconds(wait) + "."))));
                return;
            }
            exchange.getResponseHeaders().add("Set-Cookie", forwarding.cookie(Sessions.COOKIE, token.get(),
                    Sessions.LIFETIME, request));
            DashboardServer.send(exchange, Routes.Reply.redirect(next));
        } catch (IOException | RuntimeException e) {
            // the visitor left while the attempt waited; nothing to answer
        }
    }

    /** Only a path on this server, never another site. */
    private static String safeNext(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
