package dev.stockroom.source.jdbc;

import dev.stockroom.testing.TestDatabases;

/** A PostgreSQL site database: timestamptz cursors, jsonb, numeric. */
class PostgresSiteDatabaseTest extends SiteDatabaseSuite {

    @Override
    String freshDatabase() {
        return TestDatabases.postgresUrl();
    }

    @Override
    String kindsTable() {
        return "CREATE TABLE kinds (id integer PRIMARY KEY, small smallint, big bigint, amount numeric(12,2),"
                + " name text, flag boolean, day date, local timestamp, doc jsonb)";
    }

    @Override
    String eventsTable() {
        return "CREATE TABLE events (id integer PRIMARY KEY, happened_at timestamptz NOT NULL)";
    }

    @Override
    String sessionAtPlusFiveThirty() {
        return "SET TIME ZONE 'Asia/Kolkata'";
    }

    @Override
    String utcSession() {
        return "SET TIME ZONE 'UTC'";
    }

    @Override
    String insertEvent(int id, String iso) {
        return "INSERT INTO events VALUES (" + id + ", '" + iso + "')";
    }

    @Override
    String savedCursorOfSecondEvent() {
        // A timestamptz cursor is saved as an instant, whatever the session zone.
        return "2024-05-01T11:30:00.500Z";
    }

    @Override
    String withWrongPassword(String url) {
        // The shared test server trusts local users; a role that does not exist is refused the same way.
        return url.replaceFirst("user=[^&]*", "user=no_such_role_house&password=wrong-secret");
    }
}
