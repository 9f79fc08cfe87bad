package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code sluice <command>}. */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = {
                "GitOps and progressive delivery for Kubernetes, in one program.",
                "Runs on a cluster, or the whole loop on this machine with no cluster (embedded mode)."},
        subcommands = {
                VersionCommand.class,
                ValidateCommand.class,
                SimulateCommand.class,
                DemoCommand.class,
                UpCommand.class,
                KustomizeCommand.class,
                GetCommand.class,
                ReconcileCommand.class,
                SuspendCommand.Suspend.class,
                SuspendCommand.Resume.class,
                TreeCommand.class,
                BuildCommand.class,
                DiffCommand.class,
                CreateCommand.class,
                EventsCommand.class,
                CanaryActionCommand.Promote.class,
                CanaryActionCommand.Abort.class,
                CanaryActionCommand.Retry.class,
                CanaryActionCommand.Pause.class,
                DriftCommand.class,
                RevertCommand.class,
                CompletionCommand.class,
                StatCommand.class,
                TimelineCommand.class,
                ControllerCommand.class,
                InstallCommand.class,
                CheckCommand.class,
                BootstrapCommand.class,
        })
public final class SluiceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, with every command of the contract (pending ones say so). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SluiceCommand());
        PendingCommands.addTo(cl);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }
}
