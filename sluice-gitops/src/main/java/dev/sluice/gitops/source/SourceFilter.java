package dev.sluice.gitops.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Which files of a revision go into the artifact, with Flux's rules (fluxcd/pkg sourceignore and
 * source-controller's storage filter): gitignore syntax, later rules win, each rule scoped to the
 * directory of the {@code .sourceignore} that holds it. The VCS rules ({@code .git/},
 * {@code .gitignore}, {@code .gitmodules}, {@code .gitattributes}) always apply, as the lowest
 * priority; Flux's other default exclusions (images, archives, CI configs, {@code .sops.yaml}, ...)
 * apply only when there are no user rules at all: any {@code .sourceignore} rule or a
 * {@code spec.ignore} replaces them. Immutable and thread-safe.
 */
public final class SourceFilter {

    public static final String IGNORE_FILE = ".sourceignore";

    static final List<String> VCS = List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes");
    static final List<String> DEFAULTS = List.of(
            "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
            ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml", "cloudbuild.yaml",
            "codeship-services.yml", "codeship-steps.yml",
            "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml");

    /** A rule and the directory it applies under ("" for the root, else {@code dir/}). */
    private record Rule(String domain, FastIgnoreRule rule) {
    }

    private final List<Rule> rules;
    private final List<String> sparse;

    private SourceFilter(List<Rule> rules, List<String> sparse) {
        this.rules = List.copyOf(rules);
        this.sparse = List.copyOf(sparse);
    }

    /**
     * @param sourceIgnores the text of each {@code .sourceignore}, keyed by its directory ("" for the
     *                      root, {@code apps/base} for {@code apps/base/.sourceignore}), in the order
     *                      Flux reads them (parent before children, siblings by name)
     * @param specIgnore    {@code spec.ignore}
     * @param sparse        {@code spec.sparseCheckout} directories; empty keeps every directory
     */
    public static SourceFilter of(Map<String, String> sourceIgnores, Optional<String> specIgnore, List<String> sparse) {
        List<Rule> user = new ArrayList<>();
        sourceIgnores.forEach((dir, text) -> user.addAll(parse(text, dir.isEmpty() ? "" : dir + "/")));
        specIgnore.ifPresent(text -> user.addAll(parse(text, "")));
        List<Rule> all = new ArrayList<>(parse(String.join("\n", VCS), ""));
        if (user.isEmpty()) {
            all.addAll(parse(String.join("\n", DEFAULTS), ""));
        }
        all.addAll(user);
        return new SourceFilter(all, sparse);
    }

    /** Flux's defaults only: no {@code .sourceignore}, no {@code spec.ignore}. */
    public static SourceFilter defaults() {
        return of(Map.of(), Optional.empty(), List.of());
    }

    private static List<Rule> parse(String text, String domain) {
        List<Rule> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            FastIgnoreRule r = new FastIgnoreRule(line);
            if (!r.isEmpty()) {
                out.add(new Rule(domain, r));
            }
        }
        return out;
    }

    /**
     * Whether a file (a path relative to the repository root, with {@code /}) goes into the
     * artifact. As in Flux, a rule matching any parent directory also matches the file, and a
     * later negation can bring a file back out of an excluded directory.
     */
    public boolean includes(String path) {
        if (!sparse.isEmpty() && sparse.stream().noneMatch(d -> path.startsWith(d + "/"))) {
            return false;
        }
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (!r.domain().isEmpty() && !path.startsWith(r.domain())) {
                continue;
            }
            String rel = path.substring(r.domain().length());
            if (r.rule().isMatch(rel, false, false)) {
                return !r.rule().getResult();
            }
        }
        return true;
    }
}
