package dev.stockroom.warehouse;

import dev.stockroom.source.DayRange;
import dev.stockroom.source.DeleteMode;
import dev.stockroom.source.WriteMode;
import java.util.List;

/**
 * Where and how one chunk is written.
 *
 * @param schema    the source's schema
 * @param table     the stream's table
 * @param key       primary key as the source's field names
 * @param mode      the write mode
 * @param dayField  the source field holding a row's day, for {@code replace_window}
 * @param window    the days this chunk covers, for {@code replace_window}; null otherwise
 * @param deletes   what the vendor's delete signals do to rows
 * @param keysTable where the chunk's keys are remembered during a complete read (see
 *                  {@link Deletions}); null when the read is not complete
 */
public record TableTarget(String schema, String table, List<String> key, WriteMode mode, String dayField,
                          DayRange window, DeleteMode deletes, String keysTable) {

    public TableTarget(String schema, String table, List<String> key, WriteMode mode, String dayField,
                       DayRange window) {
        this(schema, table, key, mode, dayField, window, DeleteMode.SOFT, null);
    }
}
