package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice suspend|resume ks|source git NAME}: sets {@code spec.suspend}, as flux does. */
final class SuspendCommand {

    private SuspendCommand() {
    }

    static int setSuspend(CliCluster c, Targets target, String ns, String name, boolean suspend, PrintWriter out,
                          Style style) throws InterruptedException {
        ObjectKey key = new ObjectKey(target.kind, ns, name);
        if (c.get(key).isEmpty()) {
            throw new UserException(target.display + " '" + ns + "/" + name + "' not found");
        }
        String verb = suspend ? "suspending" : "resuming";
        out.println("► " + verb + " " + target.display.toLowerCase() + " " + name + " in " + ns + " namespace");
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("suspend", suspend);
        c.mergePatch(key, patch);
        out.println(style.green("✔") + " " + target.display.toLowerCase() + " " + (suspend ? "suspended" : "resumed"));
        out.flush();
        if (!suspend && target != Targets.CANARY) {
            return ReconcileCommand.reconcile(c, target, ns, name, java.time.Duration.ofMinutes(5), out, style) ? 0 : 1;
        }
        return 0;
    }

    /** The kind arguments flux accepts: {@code ks NAME}, {@code kustomization NAME}, {@code source git NAME}. */
    abstract static class Verb implements Callable<Integer> {
        @Parameters(arity = "2..3", paramLabel = "KIND NAME", description = "ks NAME | kustomization NAME | source git NAME")
        java.util.List<String> args;
        @Mixin
        ClusterOptions cluster;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract boolean suspend();

        @Override
        public Integer call() throws InterruptedException {
            Targets target;
            String name;
            if (args.size() == 2 && args.get(0).equals("canary")) {
                if (suspend()) {
                    throw new UserException("canaries are paused with 'sluice pause canary " + args.get(1) + "'");
                }
                try (CliCluster c = cluster.connect()) {
                    return CanaryActionCommand.request(c, cluster.namespaceOr("default"), args.get(1), "resume",
                            spec.commandLine().getOut(), Style.detect());
                }
            }
            if (args.size() == 3 && args.get(0).equals("source") && args.get(1).matches("git|helm|chart")) {
                target = switch (args.get(1)) {
                    case "helm" -> Targets.SOURCE_HELM;
                    case "chart" -> Targets.SOURCE_CHART;
                    default -> Targets.SOURCE_GIT;
                };
                name = args.get(2);
            } else if (args.size() == 2 && (args.get(0).equals("ks") || args.get(0).equals("kustomization"))) {
                target = Targets.KUSTOMIZATION;
                name = args.get(1);
            } else if (args.size() == 2 && (args.get(0).equals("hr") || args.get(0).equals("helmrelease"))) {
                target = Targets.HELMRELEASE;
                name = args.get(1);
            } else {
                throw new UserException("expected 'ks NAME', 'hr NAME' or 'source git|helm|chart NAME', got '"
                        + String.join(" ", args) + "'");
            }
            try (CliCluster c = cluster.connect()) {
                return setSuspend(c, target, cluster.namespaceOr(target.defaultNamespace), name, suspend(),
                        spec.commandLine().getOut(), Style.detect());
            }
        }
    }

    @Command(name = "suspend", description = "Suspend reconciliation: ks NAME | source git NAME | hr NAME.")
    static final class Suspend extends Verb {
        @Override
        boolean suspend() {
            return true;
        }
    }

    @Command(name = "resume", description = "Resume reconciliation and wait for it: ks NAME | source git NAME | hr NAME | canary NAME.")
    static final class Resume extends Verb {
        @Override
        boolean suspend() {
            return false;
        }
    }
}
