package dev.stockroom.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a tile shows its query. */
public enum TileType {
    /** A big number with its change against the previous period and a sparkline. */
    KPI,
    LINE,
    AREA,
    BAR,
    /** Rows, sortable by any column, with a CSV download. */
    TABLE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, TileType> choices() {
        Map<String, TileType> out = new LinkedHashMap<>();
        for (TileType t : values()) {
            out.put(t.word(), t);
        }
        return out;
    }
}
