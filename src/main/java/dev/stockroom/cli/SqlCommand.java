package dev.stockroom.cli;

import dev.stockroom.dashboard.DashboardSettings;
import dev.stockroom.warehouse.ByteCounts;
import dev.stockroom.warehouse.CappedQuery;
import dev.stockroom.warehouse.Warehouse;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs one query on the warehouse as its read-only reader: the database itself refuses "
                + "writes, file and program access and settings changes.",
                "Rows stream: csv and json are printed as they arrive. The query is stopped at --max-rows or "
                + "--max-bytes (bytes of values), and stderr says it was cut."},
        footer = {"", "Examples:",
                "  stockroom sql \"SELECT count(*) FROM site.members\"",
                "  stockroom sql \"SELECT * FROM stockroom.runs ORDER BY started_at DESC LIMIT 5\"",
                "  stockroom sql --format csv --max-rows 10000000 --max-bytes 2GB \"SELECT * FROM exports.refunds\" > refunds.csv"})
final class SqlCommand implements Callable<Integer> {

    enum Format { table, csv, json }

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "QUERY", description = "The SQL query: one statement.")
    String query;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-rows", description = "Row cap (default: dashboard.row_limit, else 10000).")
    Integer maxRows;

    @Option(names = "--max-bytes", paramLabel = "SIZE",
            description = "Cap on the bytes of values, e.g. 50MB, 2GB (default: dashboard.byte_limit, else 50MB).")
    String maxBytes;

    @Override
    public Integer call() throws Exception {
        Project project = Project.load(main.global);
        DashboardSettings settings = DashboardSettings.from(project.config.dashboard(), System::getenv);
        CappedQuery.Limits limits;
        try {
            limits = new CappedQuery.Limits(maxRows == null ? settings.rowLimit() : maxRows,
                    maxBytes == null ? settings.byteLimit() : ByteCounts.parse(maxBytes), java.time.Duration.ZERO);
        } catch (IllegalArgumentException e) {
            System.err.println("stockroom: sql: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), false);
        CappedQuery.Outcome outcome;
        try (Warehouse warehouse = project.openReadOnly()) {
            QueryResults.Printer printer = QueryResults.printer(format.name(), out);
            outcome = CappedQuery.run(warehouse, query, limits, QueryResults::value, printer);
            printer.finish();
        } catch (java.sql.SQLException e) {
            out.flush();
            System.err.println("stockroom: query failed: " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            out.flush();
        }
        outcome.message(limits, "--max-rows", "--max-bytes")
                .ifPresent(m -> System.err.println("stockroom: the result was " + m));
        return ExitCodes.OK;
    }
}
