package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.server.context.ServerContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice revert canary NAME}: asks the running server to write a failed canary's revert back
 * to Git; shows the diff first (docs/git-rollback.md).
 */
@Command(name = "revert", description = "Write a failed canary's revert back to Git.",
        subcommands = RevertCommand.Canary.class)
final class RevertCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit status when Git was left as it was for a reason (not pushed, rejected, failed). */
    static final int NOT_PUSHED = 3;
    private static final Set<String> CONSISTENT = Set.of("Pushed", "DryRun", "AlreadyReverted", "NothingToRevert");

    @Command(name = "canary", description = {
            "Revert the failed spec of a canary in Git: a revert commit of the offending commit, or a patch restoring",
            "the promoted values (image, env, config) where they came from, checked with the kustomize engine first.",
            "Shows the diff, then pushes to a new branch sluice/revert/<ns>-<canary>-<sha> (--mode branch) or to the",
            "tracked branch (--mode direct). Never force-pushes. Default mode: the sluice.dev/revert-on-failure",
            "annotation of the canary or its GitRepository, else branch.",
            "Exit status: 0 pushed, already reverted or nothing to revert; 3 not pushed (the reason is printed)."})
    static final class Canary implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "The Canary.")
        String name;

        @Option(names = "--mode", paramLabel = "MODE", description = "branch or direct.")
        String mode;

        @Option(names = "--dry-run", description = "Show the diff and stop; nothing is written.")
        boolean dryRun;

        @Option(names = "--token", paramLabel = "TOKEN", description = "The API token (default: the one 'sluice up' saved for its server, else $SLUICE_TOKEN).")
        String token;

        @Mixin
        ClusterOptions cluster;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private String namespace;
        private URI base;

        @Override
        public Integer call() {
            if (mode != null && !mode.equals("branch") && !mode.equals("direct")) {
                throw new UserException("--mode: '" + mode + "' is not a revert mode; expected branch or direct");
            }
            namespace = cluster.namespaceOr("default");
            if (namespace.isEmpty()) {
                throw new UserException("a revert is for one canary: give -n NAMESPACE, not -A");
            }
            ServerContext ctx = ServerContext.resolve();
            base = cluster.server != null ? cluster.server : ctx.server();
            String token = this.token != null ? this.token
                    : cluster.server == null || cluster.server.equals(ctx.server()) ? ctx.token() : System.getenv("SLUICE_TOKEN");
            if (token == null || token.isBlank()) {
                throw new UserException("a revert needs the API token: run it where 'sluice up' saved its context, "
                        + "or set SLUICE_TOKEN or --token");
            }
            PrintWriter out = spec.commandLine().getOut();
            Style style = Style.detect();
            JsonNode plan = post(token, true);
            if (!plan.path("result").asText().equals("DryRun")) {
                return report(out, plan);
            }
            out.println("Canary " + namespace + "/" + name + ": " + plan.path("message").asText());
            out.println();
            printDiff(out, plan.path("diff").asText(), style);
            if (dryRun) {
                out.println("(dry run: nothing was written)");
                out.flush();
                return 0;
            }
            return report(out, post(token, false));
        }

        private int report(PrintWriter out, JsonNode result) {
            String r = result.path("result").asText();
            out.println(r + ": " + result.path("message").asText());
            out.flush();
            return CONSISTENT.contains(r) ? 0 : NOT_PUSHED;
        }

        static void printDiff(PrintWriter out, String diff, Style style) {
            for (String line : diff.split("\n", -1)) {
                if (line.startsWith("+") && !line.startsWith("+++")) {
                    out.println(style.green(line));
                } else if (line.startsWith("-") && !line.startsWith("---")) {
                    out.println(style.red(line));
                } else if (!line.isEmpty()) {
                    out.println(line);
                }
            }
        }

        private JsonNode post(String token, boolean plan) {
            StringBuilder q = new StringBuilder("?dryRun=").append(plan);
            if (mode != null) {
                q.append("&mode=").append(URLEncoder.encode(mode, StandardCharsets.UTF_8));
            }
            URI uri = base.resolve("/api/sluice/v1/revert/" + enc(namespace) + "/" + enc(name) + q);
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> resp;
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw DriftCommand.unreachable(base.toString(), new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("interrupted");
            }
            JsonNode body;
            try {
                body = Json.parseObject(resp.body());
            } catch (RuntimeException e) {
                throw new UserException("unexpected answer from " + uri + " (HTTP " + resp.statusCode() + ")");
            }
            if (resp.statusCode() != 200) {
                throw new UserException(body.path("message").asText("HTTP " + resp.statusCode()));
            }
            return body;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
