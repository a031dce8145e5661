package dev.stockroom.dashboard;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.warehouse.ByteCounts;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code dashboard:} section of stockroom.yml.
 *
 * <pre>
 * dashboard:
 *   bind: 127.0.0.1        # default; any other address needs a password
 *   port: 8080             # default
 *   password: "${STOCKROOM_PASSWORD}"   # or the STOCKROOM_PASSWORD environment variable
 *   row_limit: 10000       # rows a query may return (explorer, tiles, CSV, stockroom sql)
 *   byte_limit: 50MB       # bytes of values a query may return; the query is stopped there
 *   query_timeout: 30s     # a query running longer is cancelled
 *   warehouse: "jdbc:postgresql://...?user=reader"   # optional: the read-only user for user queries
 *   allowed_hosts, secure_cookie, behind_proxy: see {@link WebSettings}
 * </pre>
 *
 * @param readerUrl {@code dashboard.warehouse}: where user queries go instead of a reader role
 *                  Stockroom sets up itself (PostgreSQL, MariaDB)
 */
public record DashboardSettings(String bind, int port, Optional<String> password, int rowLimit, Duration queryTimeout,
                                long byteLimit, Optional<String> readerUrl, WebSettings web) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_ROW_LIMIT = 10_000;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_BYTE_LIMIT = 50L << 20;
    public static final String PASSWORD_ENV = "STOCKROOM_PASSWORD";

    public static DashboardSettings defaults() {
        return new DashboardSettings(DEFAULT_BIND, DEFAULT_PORT, Optional.empty(), DEFAULT_ROW_LIMIT,
                DEFAULT_QUERY_TIMEOUT, DEFAULT_BYTE_LIMIT, Optional.empty(), WebSettings.defaults());
    }

    /** Reads the section; the environment's {@code STOCKROOM_PASSWORD} wins over the file's password. */
    public static DashboardSettings from(Optional<ConfigNode> section, Function<String, String> env) {
        DashboardSettings d = defaults();
        String bind = d.bind;
        int port = d.port;
        Optional<String> password = Optional.empty();
        int rowLimit = d.rowLimit;
        Duration timeout = d.queryTimeout;
        long byteLimit = d.byteLimit;
        Optional<String> readerUrl = Optional.empty();
        WebSettings web = d.web;
        if (section.isPresent()) {
            ConfigNode node = section.get();
            bind = node.string("bind", bind);
            port = (int) node.integer("port", port);
            if (port < 0 || port > 65535) {
                throw node.error("port", "port " + port + " is not between 0 and 65535");
            }
            password = node.optString("password").filter(p -> !p.isBlank());
            rowLimit = (int) node.integer("row_limit", rowLimit);
            if (rowLimit < 1) {
                throw node.error("row_limit", "row_limit must be at least 1");
            }
            timeout = node.optDuration("query_timeout").orElse(timeout);
            Optional<String> bytes = node.optString("byte_limit");
            if (bytes.isPresent()) {
                try {
                    byteLimit = ByteCounts.parse(bytes.get());
                } catch (IllegalArgumentException e) {
                    throw node.error("byte_limit", e.getMessage());
                }
            }
            readerUrl = node.optString("warehouse").filter(u -> !u.isBlank());
            web = WebSettings.read(node);
            node.finish();
        }
        String fromEnv = env.apply(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            dev.stockroom.config.Secrets.register(fromEnv);
            password = Optional.of(fromEnv);
        }
        return new DashboardSettings(bind, port, password, rowLimit, timeout, byteLimit, readerUrl, web);
    }

    public DashboardSettings withAddress(String newBind, int newPort) {
        return new DashboardSettings(newBind, newPort, password, rowLimit, queryTimeout, byteLimit, readerUrl, web);
    }

    public DashboardSettings withPassword(String newPassword) {
        return new DashboardSettings(bind, port, Optional.ofNullable(newPassword), rowLimit, queryTimeout, byteLimit,
                readerUrl, web);
    }

    public DashboardSettings withWeb(WebSettings newWeb) {
        return new DashboardSettings(bind, port, password, rowLimit, queryTimeout, byteLimit, readerUrl, newWeb);
    }
}
