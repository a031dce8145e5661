package dev.stockroom.dashboard;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names the server answers to and where a POST may come from.
 *
 * <p>The Host check stops DNS rebinding: a page on {@code evil.example} whose name is made to
 * resolve to 127.0.0.1 reaches the server with {@code Host: evil.example:8080}, and is refused.
 * Accepted are the bind address, {@code localhost}, {@code 127.0.0.1} and {@code [::1]} with the
 * server's port, and the owner's {@code dashboard.allowed_hosts}; bound to every address
 * ({@code 0.0.0.0}), any address of this machine's interfaces (an IP literal cannot be rebound).
 *
 * <p>A POST must come from a page of the same origin: {@code Sec-Fetch-Site} (when the browser
 * sends it) must be {@code same-origin}, and the {@code Origin} (or, without it, the
 * {@code Referer}) must name the Host the request was sent to.
 */
final class Origins {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final int DEFAULT_PORT = 80;

    private final int port;
    private final Set<String> withPort = new LinkedHashSet<>();
    private final Set<String> anyPort = new LinkedHashSet<>();
    private final Set<String> exact = new LinkedHashSet<>();
    private final boolean everyInterface;

    Origins(String bind, InetAddress bound, int port, List<String> allowedHosts) {
        this.port = port;
        this.everyInterface = bound.isAnyLocalAddress();
        withPort.add("localhost");
        withPort.add("127.0.0.1");
        withPort.add("[::1]");
        if (!everyInterface) {
            withPort.add(bind.toLowerCase(Locale.ROOT));
            String literal = bound.getHostAddress();
            withPort.add(literal.contains(":") ? "[" + literal + "]" : literal);
        }
        for (String host : allowedHosts) {
            (host.matches(".*:[0-9]+") ? exact : anyPort).add(host);
        }
    }

    /** Why the request's Host header is refused; empty when it names this server. */
    Optional<String> refuseHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return Optional.of("Refused: the request has no Host header. Send the address you reach the dashboard "
                    + "at, e.g. Host: 127.0.0.1:" + port + ".");
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (allowed(host)) {
            return Optional.empty();
        }
        return Optional.of("Refused: this dashboard answers to " + String.join(", ", names())
                + ", not to the host '" + hostHeader.strip() + "' this request names. A web page may be trying to "
                + "reach it under a name of its own (DNS rebinding). If you open the dashboard under this name on "
                + "purpose (a reverse proxy, a host name), add it to dashboard.allowed_hosts in stockroom.yml.");
    }

    /** Why a POST is refused as coming from another site; empty when it comes from this server's own page. */
    Optional<String> refuseCrossOrigin(Request request) {
        String site = request.header("sec-fetch-site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return Optional.of("Refused: the browser says this form was sent from another site (Sec-Fetch-Site: "
                    + site + "). Only the dashboard's own pages may post to it; open it at "
                    + request.header("host") + " and submit there.");
        }
        String origin = request.header("origin");
        String from = origin != null ? origin : request.header("referer");
        if (from == null) {
            return Optional.of("Refused: a POST must say which page sent it (an Origin or Referer header), and this "
                    + "one says neither. Browsers send it; from a script add e.g. -H 'Origin: http://"
                    + request.header("host") + "'.");
        }
        String authority = authority(from);
        if (authority == null || !authority.equalsIgnoreCase(String.valueOf(request.header("host")).strip())) {
            return Optional.of("Refused: a page at " + from + " may not post to this dashboard at "
                    + request.header("host") + ": only the dashboard's own pages may. Open it at that address and "
                    + "submit there.");
        }
        return Optional.empty();
    }

    private boolean allowed(String host) {
        if (exact.contains(host)) {
            return true;
        }
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > host.lastIndexOf(']');
        String name = hasPort ? host.substring(0, colon) : host;
        int requestPort;
        try {
            requestPort = hasPort ? Integer.parseInt(host.substring(colon + 1)) : DEFAULT_PORT;
        } catch (NumberFormatException e) {
            return false;
        }
        if (anyPort.contains(name)) {
            return true;
        }
        if (requestPort != port) {
            return false;
        }
        return withPort.contains(name) || everyInterface && isLocalAddress(name);
    }

    /** An IP literal of this machine; never a DNS lookup (a name could be rebound). */
    private static boolean isLocalAddress(String name) {
        boolean v6 = name.startsWith("[") && name.endsWith("]") && name.matches("\\[[0-9a-f:.]+]");
        if (!v6 && !IPV4.matcher(name).matches()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(v6 ? name.substring(1, name.length() - 1) : name);
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    /** {@code host:port} of an Origin or Referer URL; null for {@code null} and anything unparsable. */
    private static String authority(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return uri.getRawAuthority();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private List<String> names() {
        List<String> out = new java.util.ArrayList<>();
        withPort.forEach(n -> out.add(n + ":" + port));
        if (everyInterface) {
            out.add("this machine's addresses with port " + port);
        }
        if (!anyPort.isEmpty() || !exact.isEmpty()) {
            out.add("the names in dashboard.allowed_hosts"); // not listed: whoever was refused need not learn them
        }
        return out;
    }
}
