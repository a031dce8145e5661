package dev.stockroom.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An NDJSON file served as a cursor-paginated JSON API on 127.0.0.1:
 * {@code GET /events?limit=10000&cursor=N} answers
 * {@code {"data":[...records N..N+limit-1...],"next_cursor":"N+limit"}}, with
 * {@code "next_cursor":null} on the last page. Pages are cut from the file by line offsets, so
 * the server holds no records in memory.
 */
final class PagedApi implements AutoCloseable {

    private final long[] offsets;
    private final RandomAccessFile file;
    private final HttpServer server;
    private final ExecutorService executor;
    private final int defaultLimit;

    PagedApi(Path ndjson, int defaultLimit) throws IOException {
        this.defaultLimit = defaultLimit;
        this.offsets = index(ndjson);
        this.file = new RandomAccessFile(ndjson.toFile(), "r");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "paged-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/events", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long rows() {
        return offsets.length - 1;
    }

    private static long[] index(Path ndjson) throws IOException {
        long size = Files.size(ndjson);
        long[] offsets = new long[1 << 16];
        int n = 0;
        offsets[n++] = 0;
        byte[] buffer = new byte[1 << 20];
        long position = 0;
        try (InputStream in = Files.newInputStream(ndjson)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        if (n == offsets.length) {
                            offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
                        }
                        offsets[n++] = position + i + 1;
                    }
                }
                position += read;
            }
        }
        if (offsets[n - 1] != size) {
            throw new IOException(ndjson + " does not end with a newline");
        }
        return java.util.Arrays.copyOf(offsets, n);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            long cursor = 0;
            int limit = defaultLimit;
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    String k = eq < 0 ? pair : pair.substring(0, eq);
                    String v = eq < 0 ? "" : pair.substring(eq + 1);
                    if (k.equals("cursor")) {
                        cursor = Long.parseLong(v);
                    } else if (k.equals("limit")) {
                        limit = Integer.parseInt(v);
                    }
                }
            }
            long rows = rows();
            long from = Math.min(cursor, rows);
            long to = Math.min(rows, from + limit);
            int length = (int) (offsets[(int) to] - offsets[(int) from]);
            byte[] records = new byte[length];
            synchronized (file) {
                file.seek(offsets[(int) from]);
                file.readFully(records);
            }
            for (int i = 0; i < length - 1; i++) {
                if (records[i] == '\n') {
                    records[i] = ',';
                }
            }
            byte[] head = "{\"data\":[".getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("],\"next_cursor\":" + (to < rows ? "\"" + to + "\"" : "null") + "}")
                    .getBytes(StandardCharsets.US_ASCII);
            int recordBytes = Math.max(0, length - 1);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, head.length + recordBytes + tail.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                out.write(records, 0, recordBytes);
                out.write(tail);
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        file.close();
    }
}
