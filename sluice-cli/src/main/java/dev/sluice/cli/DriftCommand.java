package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.cluster.ClusterException;
import dev.sluice.gitops.drift.GitDriftStatus;
import dev.sluice.server.client.RemoteCluster;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", paramLabel = "NS", description = "Namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "List drifts in every namespace.")
    boolean all;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    Server server;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the running server is: {@code --server}/{@code SLUICE_SERVER} and {@code --token}/{@code SLUICE_TOKEN}. */
    static final class Server {
        @Option(names = "--server", paramLabel = "URL", description = "The API of a running 'sluice up' (default: $SLUICE_SERVER, else http://127.0.0.1:9494).")
        String url;

        @Option(names = "--token", paramLabel = "TOKEN", description = "The API token for changes (default: $SLUICE_TOKEN).")
        String token;

        URI base() {
            String u = url != null ? url : Optional.ofNullable(System.getenv("SLUICE_SERVER")).orElse("http://127.0.0.1:9494");
            try {
                URI uri = URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new UserException("--server: '" + u + "' is not a URL such as http://127.0.0.1:9494");
            }
        }

        Optional<String> token() {
            return Optional.ofNullable(token != null ? token : System.getenv("SLUICE_TOKEN")).filter(t -> !t.isBlank());
        }

        RemoteCluster cluster() {
            return new RemoteCluster(base(), token().orElse(null), ResourceTypes.builtIn());
        }

        UserException unreachable(RuntimeException e) {
            return new UserException("cannot reach sluice at " + base() + ": " + e.getMessage()
                    + " (is 'sluice up' running? set --server or SLUICE_SERVER)");
        }
    }

    @Override
    public Integer call() {
        if (!output.equals("table") && !output.equals("json")) {
            throw new UserException("unknown output format '" + output + "'; expected table or json");
        }
        List<KubeObject> canaries;
        try {
            canaries = server.cluster().list(CanaryKindModel.KIND, all ? "" : namespace, LabelSelector.everything());
        } catch (ClusterException e) {
            throw server.unreachable(e);
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
            out.print(table(drifted, all));
        }
        out.flush();
        return 0;
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

    static String table(List<KubeObject> drifted, boolean withNamespace) {
        List<String[]> rows = new ArrayList<>();
        rows.add(withNamespace ? new String[] {"NAMESPACE", "NAME", "STATE", "COMMIT", "AUTHOR", "SOURCE", "CHANGE", "REVERT"}
                : new String[] {"NAME", "STATE", "COMMIT", "AUTHOR", "SOURCE", "CHANGE", "REVERT"});
        for (KubeObject c : drifted) {
            JsonNode g = GitDriftStatus.of(c.status()).orElse(Json.object());
            String state = g.path("state").asText(GitDriftStatus.condition(c.status()).map(x -> x.path("status").asText()).orElse(""));
            String commit = g.path("commit").asText("");
            String change = g.path("differences").isEmpty() ? g.path("message").asText("") : describe(g.path("differences").get(0));
            String revert = g.path("revert").isObject() ? g.path("revert").path("result").asText()
                    + (g.path("revert").path("branch").asText("").isEmpty() ? "" : " " + g.path("revert").path("branch").asText())
                    : "-";
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
            rows.add(row.toArray(String[]::new));
        }
        return columns(rows);
    }

    private static String describe(JsonNode d) {
        return d.path("field").asText() + ": " + (d.path("git").isNull() ? "(none)" : d.path("git").asText()) + " -> "
                + (d.path("cluster").isNull() ? "(none)" : d.path("cluster").asText());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** Left-aligned columns separated by three spaces, as kubectl prints them. */
    static String columns(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 3) + "s", r[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
