package dev.stockroom.source.http;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM with a small heap by {@link HugeResponseTest}: serves one JSON page of
 * {@code args[0]} megabytes, generated as it is sent, and streams it through the toolkit,
 * printing the records and bytes it saw.
 */
public final class HugeResponse {

    /** About 200 bytes a record, nested values included. */
    static byte[] record(long id) {
        return ("{\"id\":" + id + ",\"email\":\"member" + id + "@example.com\",\"status\":\"paid\","
                + "\"amount\":19.90,\"active\":true,\"labels\":[\"vip\",\"weekly\"],"
                + "\"address\":{\"city\":\"Lisbon\",\"zip\":\"1100-148\"},"
                + "\"note\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(args[0]) * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                long n = 0;
                out.write("{\"meta\":{\"note\":\"generated\"},\"data\":[".getBytes(StandardCharsets.UTF_8));
                while (n < bytes) {
                    byte[] r = record(sent.get());
                    if (sent.getAndIncrement() > 0) {
                        out.write(',');
                        n++;
                    }
                    out.write(r);
                    n += r.length;
                }
                out.write("],\"next\":null}".getBytes(StandardCharsets.UTF_8));
                written.set(n);
            }
        });
        server.start();
        try {
            ApiClient client = ApiClient.builder().readTimeout(Duration.ofSeconds(30)).build();
            AtomicLong count = new AtomicLong();
            AtomicLong idSum = new AtomicLong();
            new PageReader(client, Pagination.none(), JsonPath.parse("$.data"), true).readAll("huge",
                    Request.get("http://127.0.0.1:" + server.getAddress().getPort() + "/huge"), record -> {
                        count.incrementAndGet();
                        idSum.addAndGet((Long) record.get("id"));
                    });
            System.out.println("records=" + count.get() + " sent=" + sent.get() + " bytes=" + written.get()
                    + " idsum=" + idSum.get() + " maxheap=" + Runtime.getRuntime().maxMemory());
        } finally {
            server.stop(0);
            System.exit(0);
        }
    }
}
