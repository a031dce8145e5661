package dev.stockroom.source.jdbc;

import dev.stockroom.testing.TestDatabases;

/**
 * A MariaDB site database. MariaDB has no timestamp with a zone: a TIMESTAMP is stored in UTC
 * and shown in the session's {@code time_zone}, so the cursor test sets the session to +05:30.
 */
class MariaDbSiteDatabaseTest extends SiteDatabaseSuite {

    @Override
    String freshDatabase() {
        return TestDatabases.mysqlUrl();
    }

    @Override
    String kindsTable() {
        return "CREATE TABLE kinds (id int PRIMARY KEY, small smallint, big bigint, amount decimal(12,2),"
                + " name text, flag boolean, day date, local datetime(6), doc json)";
    }

    @Override
    String eventsTable() {
        return "CREATE TABLE events (id int PRIMARY KEY, happened_at timestamp(6) NOT NULL)";
    }

    @Override
    String sessionAtPlusFiveThirty() {
        return "SET time_zone = '+05:30'";
    }

    @Override
    String utcSession() {
        return "SET time_zone = '+00:00'";
    }

    @Override
    String insertEvent(int id, String iso) {
        return "INSERT INTO events VALUES (" + id + ", '"
                + iso.replace("T", " ").replace("Z", "") + "')";
    }

    @Override
    String savedCursorOfSecondEvent() {
        // A TIMESTAMP cursor is saved as the session shows it, and compared in that session again.
        return "2024-05-01T17:00:00.500";
    }

    @Override
    String withWrongPassword(String url) {
        return url.replaceFirst("user=[^&]*", "user=root&password=wrong-secret");
    }
}
