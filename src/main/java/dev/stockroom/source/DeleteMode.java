package dev.stockroom.source;

import java.util.Locale;

/**
 * What a keyed stream does with a record that left the vendor (SPEC §4 "Deletions"): a key absent
 * from a complete read, or a delete signal of the vendor ({@link RecordSink#delete}).
 */
public enum DeleteMode {
    /** The row stays and gets {@code _deleted_at}; cleared when the key comes back. The default. */
    SOFT,
    /** The row is removed. */
    HARD,
    /** Nothing happens: the row stays as it was last read. */
    OFF;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
