package dev.stockroom.cli;

import dev.stockroom.dashboard.Digests;
import dev.stockroom.warehouse.Warehouse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Sends the weekly digest of dashboards that declare digest: (their chosen tiles, the last 7 "
                + "days against the 7 before) through the configured notifiers.",
                "Run it from cron at the digest's time: 'stockroom crontab' prints the line."},
        footer = {"", "Examples:", "  stockroom digest                 # every dashboard with a digest:",
                "  stockroom digest business        # dashboards/business.yml, digest: or not",
                "  stockroom digest --print         # show the text, send nothing"})
final class DigestCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(arity = "0..*", paramLabel = "DASHBOARD", description = "Dashboard file names without .yml "
            + "(default: every dashboard with a digest:).")
    List<String> dashboards = List.of();

    @Option(names = "--print", description = "Print the digests instead of sending them.")
    boolean print;

    @Override
    public Integer call() throws Exception {
        Project project = Project.load(main.global);
        if (!print && project.config.notifiers().isEmpty()) {
            System.err.println("stockroom: no notifier to send the digest through: add one under notify: in "
                    + project.config.file().getFileName() + " (telegram, slack, webhook), or use --print");
            return ExitCodes.CONFIG;
        }
        Digests digests = new Digests(project.config.baseDir().resolve("dashboards"),
                project.config.baseDir().resolve("models"), project.config.timezone(), Clock.systemUTC());
        List<Digests.Message> messages;
        try (Warehouse w = Warehouse.openReadOnly(project.dialect, project.config.timezone())) {
            messages = digests.build(w, dashboards);
        } catch (IllegalArgumentException e) {
            System.err.println("stockroom: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (messages.isEmpty()) {
            System.err.println("stockroom: no dashboard declares digest: (add digest: {cron, tiles} to one in "
                    + "dashboards/, or name a dashboard)");
            return ExitCodes.CONFIG;
        }
        for (Digests.Message m : messages) {
            if (print) {
                System.out.println(m.subject() + "\n" + m.body() + "\n");
            } else {
                project.notifiers.sendText(m.subject(), m.body());
                if (!main.global.quiet) {
                    System.out.println("sent the digest of " + m.slug());
                }
            }
        }
        return ExitCodes.OK;
    }
}
