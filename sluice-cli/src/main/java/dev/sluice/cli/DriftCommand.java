package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.cluster.ClusterException;
import dev.sluice.gitops.drift.GitDriftStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice drift}: the failed canaries whose Git source still declares the failed spec, from
 * their {@code GitDrift} condition and {@code status.gitDrift} (docs/git-rollback.md).
 */
@Command(name = "drift", description = {
        "List failed canaries whose Git source still declares the failed spec (Git says one thing, the cluster runs another).",
        "Reads the canaries' GitDrift condition and status.gitDrift from a running 'sluice up'.",
        "CHANGE shows the first difference as FIELD: IN-GIT -> RUNNING.",
        "Exit status: 0 (also when drifts are listed)."})
final class DriftCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    ClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!output.equals("table") && !output.equals("json")) {
            throw new UserException("unknown output format '" + output + "'; expected table or json");
        }
        String namespace = cluster.namespaceOr("default");
        boolean all = namespace.isEmpty();
        CliCluster remote = cluster.connect();
        List<KubeObject> canaries;
        try {
            canaries = remote.list(CanaryKindModel.KIND, namespace, LabelSelector.everything());
        } catch (ClusterException e) {
            throw unreachable(remote.where(), e);
        }
        List<KubeObject> drifted = new ArrayList<>();
        for (KubeObject c : canaries) {
            if (GitDriftStatus.of(c.status()).isPresent() || GitDriftStatus.condition(c.status()).isPresent()) {
                drifted.add(c);
            }
        }
        drifted.sort((a, b) -> (a.namespace() + "/" + a.name()).compareTo(b.namespace() + "/" + b.name()));
        PrintWriter out = spec.commandLine().getOut();
        if (output.equals("json")) {
            out.println(Json.writePretty(json(drifted)));
        } else if (drifted.isEmpty()) {
            spec.commandLine().getErr().println("No drift found" + (all ? "." : " in " + namespace + " namespace."));
        } else {
            table(drifted, all).print(out);
        }
        out.flush();
        return 0;
    }

    static UserException unreachable(String base, RuntimeException e) {
        return new UserException("cannot reach sluice at " + base + ": " + e.getMessage()
                + " (is 'sluice up' running? set --server or SLUICE_SERVER)");
    }

    static ObjectNode json(List<KubeObject> drifted) {
        ObjectNode root = Json.object();
        ArrayNode items = root.putArray("items");
        for (KubeObject c : drifted) {
            ObjectNode i = items.addObject().put("namespace", c.namespace()).put("name", c.name())
                    .put("phase", c.status().path("phase").asText(""));
            GitDriftStatus.of(c.status()).ifPresent(g -> i.set("gitDrift", g.deepCopy()));
            GitDriftStatus.condition(c.status()).ifPresent(cond -> i.set("condition", cond.deepCopy()));
        }
        return root;
    }

    static Table table(List<KubeObject> drifted, boolean withNamespace) {
        List<String> headers = new ArrayList<>(List.of("NAME", "STATE", "COMMIT", "AUTHOR", "SOURCE", "CHANGE", "REVERT"));
        if (withNamespace) {
            headers.add(0, "NAMESPACE");
        }
        Table t = new Table(headers);
        for (KubeObject c : drifted) {
            JsonNode g = GitDriftStatus.of(c.status()).orElse(Json.object());
            String state = g.path("state").asText(GitDriftStatus.condition(c.status()).map(x -> x.path("status").asText()).orElse(""));
            String commit = g.path("commit").asText("");
            String change = g.path("differences").isEmpty() ? g.path("message").asText("") : describe(g.path("differences").get(0));
            JsonNode r = g.path("revert");
            String revert = !r.isObject() ? "-" : r.path("result").asText()
                    + (r.path("branch").asText("").isEmpty() ? "" : " " + r.path("branch").asText());
            String source = g.path("source").asText("") + (g.path("path").asText("").isEmpty() ? "" : " " + g.path("path").asText());
            List<String> row = new ArrayList<>();
            if (withNamespace) {
                row.add(c.namespace());
            }
            row.add(c.name());
            row.add(state);
            row.add(commit.isEmpty() ? "-" : commit.substring(0, Math.min(7, commit.length())) + " " + clip(g.path("subject").asText(""), 40));
            row.add(g.path("author").asText("-").replaceAll(" <.*>$", ""));
            row.add(source.isBlank() ? "-" : source);
            row.add(clip(change, 80));
            row.add(revert);
            t.row(row);
        }
        return t;
    }

    private static String describe(JsonNode d) {
        return d.path("field").asText() + ": " + (d.path("git").isNull() ? "(none)" : d.path("git").asText()) + " -> "
                + (d.path("cluster").isNull() ? "(none)" : d.path("cluster").asText());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
