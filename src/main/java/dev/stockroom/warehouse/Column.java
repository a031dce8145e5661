package dev.stockroom.warehouse;

/**
 * A warehouse column.
 *
 * @param name     the normalized (snake_case) name in the warehouse
 * @param type     its portable type
 * @param original the field name as the source spelled it
 */
public record Column(String name, ColumnType type, String original) {

    public Column withType(ColumnType newType) {
        return new Column(name, newType, original);
    }
}
