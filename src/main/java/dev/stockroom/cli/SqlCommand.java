package dev.stockroom.cli;

import dev.stockroom.warehouse.Warehouse;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Runs a query on the warehouse, read-only: the database itself refuses writes.",
        footer = {"", "Examples:",
                "  stockroom sql \"SELECT count(*) FROM site.members\"",
                "  stockroom sql \"SELECT * FROM stockroom.runs ORDER BY started_at DESC LIMIT 5\"",
                "  stockroom sql --format csv \"SELECT * FROM exports.refunds\" > refunds.csv"})
final class SqlCommand implements Callable<Integer> {

    enum Format { table, csv, json }

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "QUERY", description = "The SQL query.")
    String query;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-rows", defaultValue = "10000", description = "Row cap (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Override
    public Integer call() throws Exception {
        Project project = Project.load(global);
        try (Warehouse warehouse = project.openReadOnly();
             Statement s = warehouse.connection().createStatement()) {
            s.setMaxRows(maxRows);
            try (ResultSet rs = s.executeQuery(query)) {
                PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
                QueryResults.print(rs, format.name(), out);
                out.flush();
            }
        } catch (java.sql.SQLException e) {
            System.err.println("stockroom: query failed: " + dev.stockroom.config.Secrets.redact(e.getMessage()));
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
