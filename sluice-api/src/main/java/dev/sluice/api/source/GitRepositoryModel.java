package dev.sluice.api.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GoDuration;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.semver.SemverConstraint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitRepository: reads v1, v1beta2 and v1beta1, writes v1, and validates what the CRD's schema
 * cannot say (URL forms, durations, semver ranges, commit ids). Stateless and thread-safe.
 */
public final class GitRepositoryModel implements KindModel<GitRepository> {

    private static final Set<String> VERSIONS = Set.of("v1", "v1beta2", "v1beta1");
    private static final FieldPath SPEC = FieldPath.of("spec");

    @Override
    public GroupKind groupKind() {
        return GitRepository.KIND;
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        if (!object.groupKind().equals(GitRepository.KIND)) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.of("kind"),
                    "'" + object.apiVersion() + " " + object.kind() + "' is not a GitRepository"));
        }
        String version = object.version();
        if (!VERSIONS.contains(version)) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.of("apiVersion"), "'" + object.apiVersion()
                    + "' is not a supported GitRepository version; expected " + ResourceTypes.SOURCE
                    + "/v1, /v1beta2 or /v1beta1"));
        }
        if (version.equals("v1")) {
            return object;
        }
        return object.edit(n -> {
            n.put("apiVersion", GitRepository.API_VERSION);
            if (n.get("spec") instanceof ObjectNode spec) {
                // Removed in v1: the git implementation is always the built-in one, and
                // accessFrom was superseded by the controllers' own multi-tenancy flags.
                spec.remove("gitImplementation");
                spec.remove("accessFrom");
                if (spec.get("verify") instanceof ObjectNode verify && verify.path("mode").asText().equals("head")) {
                    verify.put("mode", "HEAD");
                }
            }
        });
    }

    @Override
    public Parsed<GitRepository> parse(KubeObject latest) {
        List<Diagnostic> problems = new ArrayList<>();
        JsonNode spec = latest.spec();
        if (!spec.isObject()) {
            throw new InvalidInputException(Diagnostic.error(SPEC, "required mapping with at least url and interval"));
        }
        String url = GitRepositoryUrls.validate(spec.path("url"), SPEC.child("url"), problems);
        Duration interval = duration(spec.path("interval"), SPEC.child("interval"), null, problems);
        Duration timeout = duration(spec.path("timeout"), SPEC.child("timeout"), GitRepositorySpec.DEFAULT_TIMEOUT, problems);
        GitRepositoryRef ref = ref(spec.path("ref"), problems);
        Optional<String> secretRef = secretRef(spec.path("secretRef"), SPEC.child("secretRef"), problems);
        Optional<String> ignore = Optional.empty();
        if (!spec.path("ignore").isMissingNode() && !spec.path("ignore").isNull()) {
            ignore = Optional.of(text(spec.path("ignore"), SPEC.child("ignore"), problems));
        }
        boolean suspend = bool(spec.path("suspend"), SPEC.child("suspend"), problems);
        boolean submodules = bool(spec.path("recurseSubmodules"), SPEC.child("recurseSubmodules"), problems);
        if (submodules) {
            problems.add(Diagnostic.warning(SPEC.child("recurseSubmodules"),
                    "submodules are not fetched yet; the artifact holds the main repository only"));
        }
        List<String> sparse = sparseCheckout(spec.path("sparseCheckout"), problems);
        List<GitRepositoryInclude> include = include(spec.path("include"), latest.name(), problems);
        String provider = provider(spec.path("provider"), problems);
        if (!spec.path("verify").isMissingNode() && !spec.path("verify").isNull()) {
            // Fail safe: a user who asked for signature verification must not get unverified code.
            problems.add(Diagnostic.error(SPEC.child("verify"),
                    "commit signature verification is not supported yet; remove spec.verify to fetch unverified"));
        }
        if (!spec.path("proxySecretRef").isMissingNode()) {
            problems.add(Diagnostic.warning(SPEC.child("proxySecretRef"), "proxies are not supported yet; ignored"));
        }
        List<Diagnostic> errors = problems.stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        GitRepositorySpec s = new GitRepositorySpec(url, secretRef, interval, timeout, ref, ignore, suspend,
                submodules, sparse, include, provider);
        return new Parsed<>(new GitRepository(latest.namespace(), latest.name(), latest.generation(),
                latest.annotations(), s), problems);
    }

    private static GitRepositoryRef ref(JsonNode ref, List<Diagnostic> problems) {
        FieldPath at = SPEC.child("ref");
        if (ref.isMissingNode() || ref.isNull()) {
            return GitRepositoryRef.branch("");
        }
        if (!ref.isObject()) {
            problems.add(Diagnostic.error(at, "expected a mapping with branch, tag, semver, name or commit, got " + ref));
            return GitRepositoryRef.branch("");
        }
        String semver = optionalText(ref.path("semver"), at.child("semver"), problems);
        if (!semver.isEmpty()) {
            try {
                SemverConstraint.parse(semver);
            } catch (IllegalArgumentException e) {
                problems.add(Diagnostic.error(at.child("semver"), e.getMessage()));
            }
        }
        String name = optionalText(ref.path("name"), at.child("name"), problems);
        if (!name.isEmpty() && !name.startsWith("refs/")) {
            problems.add(Diagnostic.error(at.child("name"), "'" + name
                    + "' is not a full reference name; expected e.g. refs/heads/main, refs/tags/v1.0.0 or refs/pull/1/head"));
        }
        String commit = optionalText(ref.path("commit"), at.child("commit"), problems);
        if (!commit.isEmpty()) {
            if (!commit.matches("[0-9a-fA-F]{4,40}")) {
                problems.add(Diagnostic.error(at.child("commit"), "'" + commit + "' is not a commit id; expected 40 hex digits"));
            } else if (commit.length() < 40) {
                problems.add(Diagnostic.warning(at.child("commit"), "'" + commit
                        + "' is abbreviated; Flux needs all 40 hex digits, Sluice resolves it after fetching"));
            }
        }
        return new GitRepositoryRef(optionalText(ref.path("branch"), at.child("branch"), problems),
                optionalText(ref.path("tag"), at.child("tag"), problems), semver, name, commit.toLowerCase());
    }

    private static Optional<String> secretRef(JsonNode ref, FieldPath at, List<Diagnostic> problems) {
        if (ref.isMissingNode() || ref.isNull()) {
            return Optional.empty();
        }
        String name = ref.path("name").asText("");
        if (!ref.isObject() || name.isBlank()) {
            problems.add(Diagnostic.error(at.child("name"), "required: the name of a Secret in the same namespace"));
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static List<String> sparseCheckout(JsonNode list, List<Diagnostic> problems) {
        List<String> out = new ArrayList<>();
        FieldPath at = SPEC.child("sparseCheckout");
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            problems.add(Diagnostic.error(at, "expected a list of directories, got " + list));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String dir = text(list.get(i), at.index(i), problems).replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
            if (dir.contains("..")) {
                problems.add(Diagnostic.error(at.index(i), "'" + list.get(i).asText() + "' leaves the repository"));
            } else if (!dir.isEmpty()) {
                out.add(dir);
            }
        }
        return out;
    }

    private static List<GitRepositoryInclude> include(JsonNode list, String self, List<Diagnostic> problems) {
        List<GitRepositoryInclude> out = new ArrayList<>();
        FieldPath at = SPEC.child("include");
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            problems.add(Diagnostic.error(at, "expected a list of {repository: {name}, fromPath, toPath}, got " + list));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String repo = e.path("repository").path("name").asText("");
            if (repo.isEmpty()) {
                problems.add(Diagnostic.error(at.index(i).child("repository").child("name"),
                        "required: the name of a GitRepository in the same namespace"));
            } else if (repo.equals(self)) {
                problems.add(Diagnostic.error(at.index(i).child("repository").child("name"),
                        "'" + repo + "' is this GitRepository; it cannot include itself"));
            }
            String from = relative(e.path("fromPath"), at.index(i).child("fromPath"), problems);
            String to = relative(e.path("toPath"), at.index(i).child("toPath"), problems);
            out.add(new GitRepositoryInclude(repo, from, to.isEmpty() ? repo : to));
        }
        return out;
    }

    /** A path inside an artifact, without leading {@code ./} or {@code /} and trailing {@code /}. */
    private static String relative(JsonNode n, FieldPath at, List<Diagnostic> problems) {
        String raw = optionalText(n, at, problems);
        String p = raw.replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
        if (p.equals(".")) {
            return "";
        }
        for (String seg : p.split("/")) {
            if (seg.equals("..")) {
                problems.add(Diagnostic.error(at, "'" + raw + "' leaves the artifact; expected a path inside it"));
                return "";
            }
        }
        return p;
    }

    private static String provider(JsonNode p, List<Diagnostic> problems) {
        FieldPath at = SPEC.child("provider");
        if (p.isMissingNode() || p.isNull()) {
            return "generic";
        }
        String v = p.asText();
        switch (v) {
            case "generic" -> {
            }
            case "azure", "github" -> problems.add(Diagnostic.warning(at, "provider '" + v
                    + "' is not supported yet; the credentials of spec.secretRef are used"));
            default -> problems.add(Diagnostic.error(at, "'" + v + "' is not a provider; expected generic, azure or github"));
        }
        return v;
    }

    static Duration duration(JsonNode n, FieldPath at, Duration dflt, List<Diagnostic> problems) {
        if (n.isMissingNode() || n.isNull()) {
            if (dflt == null) {
                problems.add(Diagnostic.error(at, "required duration, e.g. 1m or 10m0s"));
                return Duration.ofMinutes(1);
            }
            return dflt;
        }
        try {
            Duration d = GoDuration.parse(n.asText());
            if (!n.isTextual() || d.isNegative() || d.isZero()) {
                problems.add(Diagnostic.error(at, "'" + n.asText() + "' must be a positive duration such as 30s or 5m"));
                return dflt == null ? Duration.ofMinutes(1) : dflt;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(Diagnostic.error(at, e.getMessage()));
            return dflt == null ? Duration.ofMinutes(1) : dflt;
        }
    }

    private static String optionalText(JsonNode n, FieldPath at, List<Diagnostic> problems) {
        return n.isMissingNode() || n.isNull() ? "" : text(n, at, problems);
    }

    private static String text(JsonNode n, FieldPath at, List<Diagnostic> problems) {
        if (!n.isTextual()) {
            problems.add(Diagnostic.error(at, "expected a string, got " + n));
            return "";
        }
        return n.asText();
    }

    private static boolean bool(JsonNode n, FieldPath at, List<Diagnostic> problems) {
        if (n.isMissingNode() || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            problems.add(Diagnostic.error(at, "expected true or false, got " + n));
            return false;
        }
        return n.asBoolean();
    }
}
