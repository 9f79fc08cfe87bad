package dev.sluice.cli;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.Json;
import dev.sluice.delivery.simulate.Simulation;
import dev.sluice.delivery.simulate.SimulationResult;
import dev.sluice.delivery.simulate.SimulationScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice simulate --canary FILE}: runs the real canary state machine on a virtual clock
 * against constant or scripted metric values, and prints the timeline and the verdict.
 */
@Command(name = "simulate", description = {
        "Run a Canary's analysis on a virtual clock against given metrics, with the real state machine.",
        "Prints each tick (time, phase, weights, iterations, failed checks, event) and the verdict.",
        "Exit status: 0 Succeeded, 3 Failed, 4 Incomplete (e.g. a gate that never opens)."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--canary", required = true, paramLabel = "FILE", description = "A YAML file with a Canary (the first one is used).")
    Path canary;

    @Option(names = "--success-rate", paramLabel = "PCT", description = "Constant request success rate in percent (default: 100).")
    Double successRate;

    @Option(names = "--latency-ms", paramLabel = "MS", description = "Constant P99 request duration in milliseconds (default: 0).")
    Double latencyMs;

    @Option(names = "--metrics", paramLabel = "FILE", description = "A script of per-tick values (see docs/canary.md, \"Simulation\").")
    Path metrics;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: table).")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SimulationScript script = metrics == null ? SimulationScript.healthy()
                : SimulationScript.parse(read(metrics), metrics.toString());
        if (successRate != null) {
            script = script.withSuccessRate(successRate);
        }
        if (latencyMs != null) {
            script = script.withLatencyMs(latencyMs);
        }
        SimulationResult result = Simulation.run(read(canary), canary.toString(), script);
        PrintWriter out = spec.commandLine().getOut();
        for (Diagnostic w : result.warnings()) {
            spec.commandLine().getErr().println("warning: " + w);
        }
        switch (output) {
            case "json" -> out.println(Json.writePretty(result.toJson()));
            case "table" -> out.print(result.toTable());
            default -> throw new UserException("unknown output format '" + output + "'; expected table or json");
        }
        out.flush();
        return switch (result.verdict()) {
            case SUCCEEDED -> 0;
            case FAILED -> 3;
            case INCOMPLETE -> 4;
        };
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such file");
        }
        return Files.readString(file);
    }
}
