package dev.stockroom.dashboard;

/**
 * What a request's forwarding headers are worth. Only with {@code dashboard.behind_proxy} do they
 * come from the owner's proxy; otherwise whoever connects writes them, and a forged
 * {@code X-Forwarded-For} would let a password guesser pose as many clients.
 */
record Forwarding(WebSettings web) {

    /** Who a login attempt counts against: the connection's address, or the address the proxy appended. */
    String client(Request request) {
        String forwarded = request.header("x-forwarded-for");
        if (web.behindProxy() && forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return request.remote();
    }

    /** Whether cookies get {@code Secure}: {@code secure_cookie}, or the proxy saying the browser used https. */
    boolean secure(Request request) {
        String proto = request.header("x-forwarded-proto");
        return web.secureCookie() || web.behindProxy() && proto != null
                && proto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    /** A cookie for this dashboard alone: HttpOnly, SameSite=Strict, Secure when {@link #secure}. */
    String cookie(String name, String value, java.time.Duration maxAge, Request request) {
        return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
                + (maxAge == null ? "" : "; Max-Age=" + maxAge.toSeconds()) + (secure(request) ? "; Secure" : "");
    }
}
