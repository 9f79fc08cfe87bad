package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sluice stat deploy [-n NS]}: golden metrics per Deployment in the columns of
 * {@code linkerd viz stat} (NAME MESHED SUCCESS RPS LATENCY_P50 LATENCY_P95 LATENCY_P99 TCP_CONN),
 * "-" where a value is missing (no traffic in the window, or not measured).
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = {"Golden metrics per workload (success rate, RPS, latency), as 'linkerd viz stat' shows them.",
                "Values are measured by the embedded mesh over the time window; '-' means no traffic or not measured."})
final class StatCommand implements Callable<Integer> {

    private static final Set<String> DEPLOYMENT_WORDS = Set.of("deploy", "deployment", "deployments", "deploy.apps");

    @Spec
    CommandSpec spec;

    @Mixin
    ApiClientOptions api;

    @Parameters(index = "0", paramLabel = "KIND", description = "deploy (Deployments; the only kind so far).")
    String kind;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Every namespace (adds a NAMESPACE column).")
    boolean allNamespaces;

    @Option(names = {"-t", "--time-window"}, defaultValue = "1m", paramLabel = "DURATION",
            description = "The window the metrics are computed over (default ${DEFAULT-VALUE}).")
    String window;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    String output;

    @Override
    public Integer call() {
        if (!DEPLOYMENT_WORDS.contains(kind.toLowerCase(Locale.ROOT))) {
            throw new UserException("kind '" + kind + "': only deploy (Deployments) is supported");
        }
        if (!output.equals("table") && !output.equals("json")) {
            throw new UserException("--output '" + output + "': expected table or json");
        }
        String ns = allNamespaces ? "" : namespace;
        JsonNode body = api.get("stat/deployments?namespace=" + enc(ns) + "&window=" + enc(window));
        var out = spec.commandLine().getOut();
        if (output.equals("json")) {
            out.println(Json.writePretty(body));
        } else {
            List<JsonNode> rows = new ArrayList<>();
            body.path("rows").forEach(rows::add);
            if (rows.isEmpty()) {
                spec.commandLine().getErr().println("No Deployments found" + (allNamespaces ? "." : " in namespace " + namespace + "."));
            } else {
                out.print(table(rows, allNamespaces));
            }
        }
        out.flush();
        return 0;
    }

    /** The rows aligned as Go's tabwriter aligns linkerd's output (columns padded, two spaces apart). */
    static String table(List<JsonNode> rows, boolean withNamespace) {
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("NAME", "MESHED", "SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P95",
                "LATENCY_P99", "TCP_CONN"));
        if (withNamespace) {
            header.add(0, "NAMESPACE");
        }
        cells.add(header);
        for (JsonNode r : rows) {
            List<String> c = new ArrayList<>(List.of(r.path("name").asText(), r.path("meshed").asText("-"),
                    format(r.path("successRate"), "%.2f%%"), format(r.path("rps"), "%.1frps"), ms(r.path("latencyP50")),
                    ms(r.path("latencyP95")), ms(r.path("latencyP99")), integer(r.path("tcpConnections"))));
            if (withNamespace) {
                c.add(0, r.path("namespace").asText());
            }
            cells.add(c);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String format(JsonNode v, String pattern) {
        return v.isNumber() ? String.format(Locale.ROOT, pattern, v.asDouble()) : "-";
    }

    private static String ms(JsonNode v) {
        return v.isNumber() ? Math.round(v.asDouble()) + "ms" : "-";
    }

    private static String integer(JsonNode v) {
        return v.isNumber() ? Long.toString(v.asLong()) : "-";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
