package dev.stockroom.source.http;

import dev.stockroom.config.Secrets;
import java.util.Map;

/** The words of HTTP failures: what happened, where, and what the owner should do about it. */
final class HttpFailures {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private HttpFailures() {
    }

    /** Faults that will likely pass: throttling, server errors and a server that timed out itself. */
    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500 && status != 501 && status != 505;
    }

    static String status(int status) {
        return status + " " + REASONS.getOrDefault(status, "HTTP error");
    }

    /** "401 Unauthorized from api.example.com/v1/orders: check the token given in auth.token (server said: ...)" */
    static String permanent(int status, Request request, String body, String authHint) {
        String advice = switch (status) {
            case 401 -> authHint;
            case 403 -> "the credentials were accepted but may not read this; " + authHint
                    + ", and that it is allowed to read this resource";
            case 404 -> "nothing is there; check base_url and the stream's path";
            case 400, 422 -> "the server rejected the request; check the stream's params, paging and "
                    + "incremental parameters";
            case 402 -> "the account's plan does not include this API";
            case 410 -> "the API endpoint was retired; check the vendor's current API version";
            default -> "this is not retried; check the source's settings";
        };
        return Secrets.redact(status(status) + " from " + request.where() + ": " + advice + said(body));
    }

    static String said(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        if (flat.length() > 300) {
            flat = flat.substring(0, 300) + "...";
        }
        return " (server said: " + Secrets.redact(flat) + ")";
    }
}
