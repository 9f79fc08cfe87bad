package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice promote|abort|retry|pause canary NAME}: a manual request recorded in the annotation
 * {@code sluice.dev/requested-action: <action>@<time>}, handled once by the canary controller and
 * acknowledged in {@code status.lastHandledAction}, so a GitOps re-apply never undoes or repeats it
 * (docs/canary.md, "Manual control").
 */
final class CanaryActionCommand {

    static final String ANNOTATION = "sluice.dev/requested-action";

    private CanaryActionCommand() {
    }

    static int request(CliCluster c, String ns, String name, String action, PrintWriter out, Style style)
            throws InterruptedException {
        ObjectKey key = new ObjectKey(Targets.CANARY.kind, ns, name);
        if (c.get(key).isEmpty()) {
            throw new UserException("Canary '" + ns + "/" + name + "' not found");
        }
        String value = action + "@" + Instant.now();
        out.println("► requesting " + action + " of canary " + name + " in " + ns + " namespace");
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put(ANNOTATION, value);
        c.mergePatch(key, patch);
        out.println("◎ waiting for the canary controller");
        out.flush();
        Optional<KubeObject> handled = Waiter.until(c, key,
                o -> value.equals(o.status().path("lastHandledAction").asText()), Duration.ofMinutes(2));
        if (handled.isEmpty()) {
            out.println(style.red("✗") + " the request was not handled within 2m0s (is the controller running?)");
            return 1;
        }
        out.println(style.green("✔") + " " + action + " handled; canary is " + handled.get().status().path("phase").asText());
        out.flush();
        return 0;
    }

    /** Shared argument form: {@code canary NAME}. */
    abstract static class Action implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "canary", description = "the word 'canary'")
        String kind;
        @Parameters(index = "1", paramLabel = "NAME")
        String name;
        @Mixin
        ClusterOptions cluster;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract String action();

        @Override
        public Integer call() throws InterruptedException {
            if (!kind.equals("canary") && !kind.equals("canaries")) {
                throw new UserException("expected 'canary NAME', got '" + kind + " " + name + "'");
            }
            try (CliCluster c = cluster.connect()) {
                return request(c, cluster.namespaceOr("default"), name, action(), spec.commandLine().getOut(),
                        Style.detect());
            }
        }
    }

    @Command(name = "promote", description = "Promote a canary now: skip the remaining checks (canary NAME).")
    static final class Promote extends Action {
        @Override
        String action() {
            return "promote";
        }
    }

    @Command(name = "abort", description = "Abort a canary's analysis and roll back now (canary NAME).")
    static final class Abort extends Action {
        @Override
        String action() {
            return "abort";
        }
    }

    @Command(name = "retry", description = "Re-run a failed canary's analysis without a Git change (canary NAME).")
    static final class Retry extends Action {
        @Override
        String action() {
            return "retry";
        }
    }

    @Command(name = "pause", description = "Pause a canary's analysis: no checks, no traffic change (canary NAME).")
    static final class Pause extends Action {
        @Override
        String action() {
            return "pause";
        }
    }
}
