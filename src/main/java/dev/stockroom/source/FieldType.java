package dev.stockroom.source;

/**
 * The type a connector knows a field has, declared so that a first page whose values are all null
 * (a fresh site) or text (unix seconds, rates sent as strings) cannot give the column a wrong type.
 */
public enum FieldType {
    BOOLEAN, INTEGER, NUMBER, DATE, TIMESTAMP, JSON, TEXT
}
