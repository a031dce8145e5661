package dev.stockroom.dashboard;

import dev.stockroom.config.ConfigNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the dashboard is reached, from the {@code dashboard:} section: the keys a reverse proxy or
 * TLS in front of it needs.
 *
 * <pre>
 * dashboard:
 *   allowed_hosts: [dash.example.com]   # Host names besides the bind address and localhost
 *   secure_cookie: true                 # mark cookies Secure (served over https)
 *   behind_proxy: true                  # trust X-Forwarded-Proto and X-Forwarded-For from the proxy
 * </pre>
 *
 * @param allowedHosts extra Host header values, lower case: {@code name} (any port) or {@code name:port}
 * @param secureCookie cookies always carry {@code Secure}
 * @param behindProxy  a proxy the owner runs sets {@code X-Forwarded-Proto} and {@code X-Forwarded-For};
 *                     without it those headers come from the client and are ignored
 */
public record WebSettings(List<String> allowedHosts, boolean secureCookie, boolean behindProxy) {

    /** A DNS name or an IP literal ({@code [::1]} for IPv6), optionally with a port: no scheme, no path. */
    private static final Pattern HOST = Pattern.compile(
            "([a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+])(:[0-9]{1,5})?");

    public WebSettings {
        allowedHosts = List.copyOf(allowedHosts);
    }

    public static WebSettings defaults() {
        return new WebSettings(List.of(), false, false);
    }

    /** Reads the three keys of {@code node} (the dashboard section), checking each host name. */
    static WebSettings read(ConfigNode node) {
        List<String> hosts = node.strings("allowed_hosts").stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        for (String host : hosts) {
            if (!HOST.matcher(host).matches()) {
                throw node.error("allowed_hosts", "'" + host + "' is not a host name: list names as the browser's "
                        + "address bar shows them without scheme or path, e.g. dash.example.com or "
                        + "dash.example.com:8443");
            }
        }
        return new WebSettings(hosts, node.bool("secure_cookie", false), node.bool("behind_proxy", false));
    }
}
