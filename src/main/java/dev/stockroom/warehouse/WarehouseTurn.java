package dev.stockroom.warehouse;

import java.sql.Connection;

/**
 * A writer's hold on the warehouse for one turn: the connection it writes through, and what ends
 * the turn ({@code release}, called after the connection is closed).
 */
public record WarehouseTurn(Connection connection, AutoCloseable release) {
}
