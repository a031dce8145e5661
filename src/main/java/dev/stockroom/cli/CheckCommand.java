package dev.stockroom.cli;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceTypes;
import dev.stockroom.warehouse.Warehouse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validates the configuration, then opens the warehouse and every source with one cheap "
                + "request each. One line per item: OK or the reason.",
        footer = {"", "Examples:", "  stockroom check", "  stockroom check --config /etc/stockroom/stockroom.yml",
                "", "Exit codes: 0 all OK, 1 something is unreachable, 2 the configuration is invalid."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Project project = Project.load(main.global);
        System.out.println("config     OK    " + project.config.file());
        boolean ok = true;
        try (Warehouse warehouse = project.openWarehouse("check")) {
            warehouse.tableExists(Warehouse.META, "runs"); // one write turn: opens the file and its bookkeeping
            System.out.println("warehouse  OK    " + project.dialect.describe());
        } catch (RuntimeException | java.sql.SQLException e) {
            System.out.println("warehouse  FAIL  " + e.getMessage());
            ok = false;
        }
        for (SourceConfig config : project.config.sources()) {
            String label = String.format("%-10s", config.name());
            try (Source source = SourceTypes.create(config)) {
                source.check();
                System.out.println(label + " OK    " + config.type() + ", " + source.streams().size() + " streams");
            } catch (Exception e) {
                System.out.println(label + " FAIL  " + e.getMessage());
                ok = false;
            }
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
