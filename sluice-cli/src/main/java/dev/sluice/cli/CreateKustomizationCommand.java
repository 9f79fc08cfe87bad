package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GoDuration;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice create ks NAME --source [KIND/]NAME[.NAMESPACE] --path ./dir ...}: a Kustomization as
 * {@code flux create kustomization} makes it.
 */
@Command(name = "kustomization", aliases = {"ks"}, description = "Create or update a Kustomization, or print it with --export.")
final class CreateKustomizationCommand implements Callable<Integer> {

    static final List<String> SOURCE_KINDS = List.of("OCIRepository", "GitRepository", "Bucket");

    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Mixin
    CreateOptions create;
    @Option(names = "--source", paramLabel = "[KIND/]NAME[.NAMESPACE]",
            description = "The source with the manifests; KIND is OCIRepository, GitRepository (the default) or Bucket.")
    String source;
    @Option(names = "--path", defaultValue = "./", description = "The directory in the source (default: ${DEFAULT-VALUE}).")
    String path;
    @Option(names = "--prune", description = "Garbage-collect objects removed from the source.")
    boolean prune;
    @Option(names = "--wait", description = "Wait for every applied object to be healthy.")
    boolean waitForHealth;
    @Option(names = "--health-check-timeout", defaultValue = "2m", paramLabel = "DURATION",
            description = "The health-check timeout with --wait (default: ${DEFAULT-VALUE}).")
    String healthTimeout;
    @Option(names = "--depends-on", split = ",", paramLabel = "[NAMESPACE/]NAME", description = "Kustomizations that must be Ready first.")
    List<String> dependsOn = List.of();
    @Option(names = "--target-namespace", description = "The namespace of every object it applies.")
    String targetNamespace = "";
    @Option(names = "--retry-interval", paramLabel = "DURATION", description = "How soon to retry a failed reconciliation.")
    String retryInterval;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        CreateOptions.checkName(name);
        if (path == null || path.isBlank()) {
            throw new UserException("path is required");
        }
        if (source == null || source.isBlank()) {
            throw new UserException("source is required");
        }
        ObjectNode ks = CreateCommand.object(ResourceTypes.KUSTOMIZE + "/v1", "Kustomization", name, create.namespace, create.labels());
        ObjectNode s = ks.putObject("spec");
        s.put("interval", GoDuration.format(create.interval())).put("path", safeRelative(path)).put("prune", prune);
        sourceRef(s.putObject("sourceRef"), source);
        if (!targetNamespace.isEmpty()) {
            s.put("targetNamespace", targetNamespace);
        }
        if (!dependsOn.isEmpty()) {
            ArrayNode deps = s.putArray("dependsOn");
            for (String d : dependsOn) {
                int slash = d.indexOf('/');
                ObjectNode ref = deps.addObject().put("name", slash < 0 ? d : d.substring(slash + 1));
                if (slash >= 0) {
                    ref.put("namespace", d.substring(0, slash));
                }
            }
        }
        if (waitForHealth) {
            s.put("wait", true).put("timeout", GoDuration.format(CreateOptions.duration("--health-check-timeout", healthTimeout)));
        }
        if (retryInterval != null) {
            s.put("retryInterval", GoDuration.format(CreateOptions.duration("--retry-interval", retryInterval)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (create.export) {
            CreateCommand.export(out, ks);
            return 0;
        }
        Style style = Style.detect();
        CliCluster cluster = create.connect();
        out.println("✚ generating Kustomization");
        out.println("► applying Kustomization");
        KubeObject stored = CreateCommand.upsert(cluster, ks, "Kustomization", out, style);
        out.println("◎ waiting for Kustomization reconciliation");
        out.flush();
        KubeObject ready = CreateCommand.awaitReady(cluster, stored, create.timeout());
        out.println(style.green("✔") + " Kustomization " + name + " is ready");
        out.println(style.green("✔") + " applied revision " + ready.status().path("lastAppliedRevision").asText(""));
        out.flush();
        return 0;
    }

    /** flux's SafeRelativePath: cleaned, kept inside the source, always starting with {@code ./}. */
    static String safeRelative(String p) {
        Path clean = Path.of("/").resolve(p.strip().replace('\\', '/')).normalize();
        String rel = Path.of("/").relativize(clean).toString().replace('\\', '/');
        return "./" + rel;
    }

    /** {@code [KIND/]NAME[.NAMESPACE]}, with flux's checks and messages. */
    static void sourceRef(ObjectNode ref, String text) {
        String kind = "";
        String rest = text.strip();
        String[] parts = rest.split("/", -1);
        if (parts.length == 2) {
            kind = parts[0];
            rest = parts[1];
        }
        String namespace = "";
        int dot = rest.lastIndexOf('.');
        if (dot >= 0) {
            namespace = rest.substring(dot + 1);
            rest = rest.substring(0, dot);
        }
        if (rest.isEmpty()) {
            throw new UserException("no name given for source of kind '" + kind + "'");
        }
        if (kind.isEmpty()) {
            if (SOURCE_KINDS.contains(rest)) {
                throw new UserException("no kind specified for source '" + rest + "'");
            }
            kind = "GitRepository";
        }
        String wanted = kind;
        String canonical = SOURCE_KINDS.stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new UserException("source kind '" + wanted + "' is not supported, must be one of: "
                        + String.join(", ", SOURCE_KINDS)));
        ref.put("kind", canonical).put("name", rest);
        if (!namespace.isEmpty()) {
            ref.put("namespace", namespace);
        }
    }
}
