package dev.sluice.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Commands of the contract that are not built yet. Each one is listed in the help with what it
 * will do, and when run says so plainly and exits 2; none pretends to work. A command moves out of
 * this table when it is built.
 */
final class PendingCommands {

    /** Exit status of a command that is not built yet. */
    static final int NOT_BUILT = 2;

    private record Pending(String name, String description, int issue) {
    }

    private static final List<Pending> PENDING = List.of(
            new Pending("logs", "Show the output of a workload instance or of Sluice itself.", 5));

    private PendingCommands() {
    }

    static void addTo(CommandLine root) {
        for (Pending p : PENDING) {
            if (root.getSubcommands().containsKey(p.name())) {
                continue;
            }
            CommandLine[] self = new CommandLine[1];
            CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
                self[0].getErr().println("sluice " + p.name() + ": not built yet (tracked in issue " + p.issue() + ").");
                return NOT_BUILT;
            });
            spec.name(p.name());
            spec.usageMessage(new UsageMessageSpec().description(p.description() + " (not built yet)"));
            spec.addPositional(PositionalParamSpec.builder().arity("0..*").paramLabel("ARGS").hidden(true).build());
            spec.parser().unmatchedArgumentsAllowed(true).unmatchedOptionsArePositionalParams(true);
            CommandLine sub = new CommandLine(spec);
            self[0] = sub;
            root.addSubcommand(p.name(), sub);
        }
    }
}
