package dev.stockroom.source.jdbc;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.StreamSettings;
import java.util.ArrayList;
import java.util.List;

/** {@code type: jdbc}: tables or queries of any database with a JDBC driver. */
public final class JdbcSourceFactory implements SourceFactory {

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Source create(SourceConfig config) {
        ConfigNode settings = config.settings();
        String url = settings.string("url");
        if (!url.startsWith("jdbc:") && !url.startsWith("duckdb:")) {
            throw settings.error("url", "expected a JDBC URL such as jdbc:postgresql://host/db?user=ro");
        }
        if (url.startsWith("duckdb:")) {
            url = "jdbc:duckdb:" + settings.baseDir().resolve(url.substring(7));
        }
        int fetchSize = (int) settings.integer("fetch_size", 10_000);
        String initSql = InitSql.read(settings);
        List<JdbcStream> streams = new ArrayList<>();
        for (ConfigNode node : settings.objects("streams")) {
            StreamSettings common = StreamSettings.read(node);
            String table = node.optString("table").orElse(null);
            String query = node.optString("query").orElse(null);
            if ((table == null) == (query == null)) {
                throw node.error("table", "give either table or query for stream " + common.name());
            }
            if (table != null && !table.matches("[A-Za-z_][A-Za-z0-9_.$]*")) {
                throw node.error("table", "'" + table + "' is not a table name; use query: for anything else");
            }
            String cursor = node.optString("cursor").orElse(null);
            JdbcStream stream = new JdbcStream(common.name(), table != null ? "SELECT * FROM " + table : query,
                    common.primaryKey(), cursor, common.writeMode(), common.excludeFields(), common.deletes(),
                    common.reconcile());
            common.apply(stream.spec(), node);
            streams.add(stream);
            node.finish();
        }
        settings.finish();
        if (streams.isEmpty()) {
            throw settings.missing("streams");
        }
        return new JdbcSource(url, initSql, config.timezone(), fetchSize, streams);
    }
}
