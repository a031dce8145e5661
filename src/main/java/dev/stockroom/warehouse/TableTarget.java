package dev.stockroom.warehouse;

import dev.stockroom.source.DayRange;
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
 */
public record TableTarget(String schema, String table, List<String> key, WriteMode mode, String dayField,
                          DayRange window) {
}
