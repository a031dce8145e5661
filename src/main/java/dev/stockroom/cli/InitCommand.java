package dev.stockroom.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Writes a commented stockroom.yml and the models/ and dashboards/ folders. Never overwrites.",
        footer = {"", "Examples:", "  stockroom init", "  stockroom init my-warehouse"})
final class InitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = ".", description = "Folder (default: current).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(dir);
        write("stockroom.yml", "/init/stockroom.yml");
        write("models/daily_members.sql", "/init/daily_members.sql");
        write("dashboards/overview.yml", "/init/overview.yml");
        write(".gitignore", "/init/gitignore");
        // An example export, so that the first check and sync have something real to load.
        write("exports/refunds-example.csv", "/init/refunds-example.csv");
        System.out.println("Next: edit " + dir.resolve("stockroom.yml") + ", then run 'stockroom check' and "
                + "'stockroom sync'.");
        return ExitCodes.OK;
    }

    private void write(String name, String resource) throws IOException {
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            System.out.println("kept    " + target + " (exists)");
            return;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = InitCommand.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        System.out.println("created " + target);
    }
}
