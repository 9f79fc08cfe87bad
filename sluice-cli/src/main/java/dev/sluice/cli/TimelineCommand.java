package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.server.timeline.Timeline;
import dev.sluice.server.timeline.TimelineJson;
import dev.sluice.server.timeline.TimelineText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sluice timeline canary NAME [-n NS] [-o json]}: one rollout history, commit to verdict. */
@Command(name = "timeline",
        description = "Show a rollout's timeline: commit, artifact, apply, analysis steps, verdict.",
        mixinStandardHelpOptions = true,
        subcommands = TimelineCommand.CanaryTimeline.class)
final class TimelineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "canary", mixinStandardHelpOptions = true,
            description = {"The timeline of one Canary, per Git revision: commit (sha, subject), source artifact,",
                    "Kustomization applied, each analysis step with its metric values against their thresholds,",
                    "and the outcome (promoted or rolled back, with the reason)."})
    static final class CanaryTimeline implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ApiClientOptions api;

        @Parameters(index = "0", paramLabel = "NAME", description = "The Canary's name.")
        String name;

        @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "The Canary's namespace (default ${DEFAULT-VALUE}).")
        String namespace;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (the stable shape " + Timeline.SHAPE + ", see docs/dashboard.md).")
        String output;

        @Override
        public Integer call() {
            if (!output.equals("text") && !output.equals("json")) {
                throw new UserException("--output '" + output + "': expected text or json");
            }
            JsonNode body = api.get("timeline/" + enc(namespace) + "/" + enc(name));
            if (output.equals("json")) {
                spec.commandLine().getOut().println(Json.writePretty(body));
            } else {
                Timeline t;
                try {
                    t = TimelineJson.read(body);
                } catch (IllegalArgumentException e) {
                    throw new UserException("the server sent a timeline this CLI cannot read: " + e.getMessage());
                }
                spec.commandLine().getOut().print(TimelineText.render(t));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
