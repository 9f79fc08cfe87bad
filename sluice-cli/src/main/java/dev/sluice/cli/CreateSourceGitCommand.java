package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GoDuration;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice create source git NAME --url URL --branch|--tag|--tag-semver|--ref-name|--commit ...}:
 * a GitRepository as {@code flux create source git} makes it (ref precedence commit (with branch),
 * ref-name, semver, tag, branch). Besides ssh, http and https, file URLs are accepted (local
 * repositories in embedded mode).
 */
@Command(name = "git", description = "Create or update a GitRepository source, or print it with --export.")
final class CreateSourceGitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Mixin
    CreateOptions create;
    @Option(names = "--url", paramLabel = "URL", description = "The Git address, e.g. ssh://git@host/org/repository.")
    String url;
    @Option(names = "--branch", description = "Git branch.")
    String branch = "";
    @Option(names = "--tag", description = "Git tag.")
    String tag = "";
    @Option(names = "--tag-semver", description = "Git tag semver range.")
    String semver = "";
    @Option(names = "--ref-name", description = "Git reference name.")
    String refName = "";
    @Option(names = "--commit", description = "Git commit.")
    String commit = "";
    @Option(names = "--secret-ref", description = "The name of an existing Secret with the credentials.")
    String secretRef = "";
    @Option(names = "--ignore-paths", split = ",", description = "Paths to ignore, in .gitignore format (several, or comma-separated).")
    List<String> ignorePaths = List.of();
    @Option(names = "--sparse-checkout-paths", split = ",", description = "Only these directories in the artifact (several, or comma-separated).")
    List<String> sparseCheckoutPaths = List.of();
    @Option(names = "--fetch-timeout", paramLabel = "DURATION", description = "Timeout of Git operations.")
    String fetchTimeout;
    @Option(names = "--recurse-submodules", description = "Include Git submodules in the artifact.")
    boolean recurseSubmodules;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        CreateOptions.checkName(name);
        if (url == null || url.isEmpty()) {
            throw new UserException("url is required");
        }
        String scheme;
        try {
            scheme = URI.create(url).getScheme();
        } catch (IllegalArgumentException e) {
            throw new UserException("git URL parse failed: " + e.getMessage());
        }
        if (scheme == null || !List.of("ssh", "http", "https", "file").contains(scheme)) {
            throw new UserException("git URL scheme '" + (scheme == null ? "" : scheme)
                    + "' not supported, can be: ssh, http, https and file");
        }
        if (branch.isEmpty() && tag.isEmpty() && semver.isEmpty() && commit.isEmpty() && refName.isEmpty()) {
            throw new UserException("a Git ref is required, use one of the following: --branch, --tag, --commit, --ref-name or --tag-semver");
        }
        ObjectNode repo = CreateCommand.object(ResourceTypes.SOURCE + "/v1", "GitRepository", name, create.namespace, create.labels());
        ObjectNode s = repo.putObject("spec");
        s.put("url", url).put("interval", GoDuration.format(create.interval()));
        ObjectNode ref = s.putObject("ref");
        if (!commit.isEmpty()) {
            ref.put("commit", commit);
            if (!branch.isEmpty()) {
                ref.put("branch", branch);
            }
        } else if (!refName.isEmpty()) {
            ref.put("name", refName);
        } else if (!semver.isEmpty()) {
            ref.put("semver", semver);
        } else if (!tag.isEmpty()) {
            ref.put("tag", tag);
        } else {
            ref.put("branch", branch);
        }
        if (!secretRef.isEmpty()) {
            s.putObject("secretRef").put("name", secretRef);
        }
        if (!ignorePaths.isEmpty()) {
            s.put("ignore", String.join("\n", ignorePaths));
        }
        if (!sparseCheckoutPaths.isEmpty()) {
            sparseCheckoutPaths.forEach(s.putArray("sparseCheckout")::add);
        }
        if (fetchTimeout != null) {
            s.put("timeout", GoDuration.format(CreateOptions.duration("--fetch-timeout", fetchTimeout)));
        }
        if (recurseSubmodules) {
            s.put("recurseSubmodules", true);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (create.export) {
            CreateCommand.export(out, repo);
            return 0;
        }
        Style style = Style.detect();
        CliCluster cluster = create.connect();
        out.println("✚ generating GitRepository source");
        out.println("► applying GitRepository source");
        KubeObject stored = CreateCommand.upsert(cluster, repo, "GitRepository source", out, style);
        out.println("◎ waiting for GitRepository source reconciliation");
        out.flush();
        KubeObject ready = CreateCommand.awaitReady(cluster, stored, create.timeout());
        out.println(style.green("✔") + " GitRepository source reconciliation completed");
        String revision = ready.status().path("artifact").path("revision").asText("");
        if (revision.isEmpty()) {
            throw new UserException("GitRepository source reconciliation completed but no artifact was found");
        }
        out.println(style.green("✔") + " fetched revision: " + revision);
        out.flush();
        return 0;
    }
}
