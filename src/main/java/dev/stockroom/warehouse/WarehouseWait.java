package dev.stockroom.warehouse;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a writer waits its turn for a warehouse that takes one writer at a time (an embedded DuckDB
 * file): who it is (named to the others while it writes), how long it waits at most
 * ({@code warehouse_wait}), and where the "waiting for the warehouse" line goes.
 *
 * @param who    this writer for messages, e.g. {@code sync of shop}
 * @param limit  the longest wait for one turn; then {@link WarehouseBusyException} (exit code 3)
 * @param onWait told once per turn that waited longer than {@link #NOTICE_AFTER}, with the holder
 */
public record WarehouseWait(String who, Duration limit, Consumer<String> onWait) {

    /** Shorter waits are a normal part of taking turns and go unmentioned. */
    public static final Duration NOTICE_AFTER = Duration.ofSeconds(1);

    public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(30);

    public static WarehouseWait quiet(String who, Duration limit) {
        return new WarehouseWait(who, limit, line -> { });
    }
}
