package dev.sluice.helm.source;

import dev.sluice.api.semver.SemVersion;
import dev.sluice.api.semver.SemverConstraint;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A Helm repository's {@code index.yaml}: chart versions with their download URLs and digests.
 * Scalars are read as written (a version {@code 1.10} stays {@code 1.10}, not the float 1.1).
 * Indexes of public repositories reach tens of megabytes, so the document limit is larger than
 * for manifests. Immutable.
 */
public record RepositoryIndex(Map<String, List<Entry>> entries) {

    /** Larger indexes are refused. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    /** One chart version. */
    public record Entry(String name, String version, List<String> urls, String digest, String appVersion) {
    }

    /**
     * @throws IllegalArgumentException naming the problem (not YAML, no {@code entries})
     */
    public static RepositoryIndex parse(byte[] yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(100);
        options.setAllowDuplicateKeys(true);
        Node root;
        try {
            root = new org.yaml.snakeyaml.Yaml(options).compose(new StringReader(new String(yaml, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid index.yaml: " + e.getMessage().strip().replaceAll("\\s*\\n\\s*", " "), e);
        }
        if (!(root instanceof MappingNode m)) {
            throw new IllegalArgumentException("invalid index.yaml: expected a mapping with apiVersion and entries");
        }
        Node entriesNode = value(m, "entries");
        if (!(entriesNode instanceof MappingNode entriesMap)) {
            throw new IllegalArgumentException("invalid index.yaml: no 'entries' mapping");
        }
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        for (NodeTuple t : entriesMap.getValue()) {
            String name = scalar(t.getKeyNode());
            List<Entry> versions = new ArrayList<>();
            if (t.getValueNode() instanceof SequenceNode seq) {
                for (Node v : seq.getValue()) {
                    if (v instanceof MappingNode e) {
                        List<String> urls = new ArrayList<>();
                        if (value(e, "urls") instanceof SequenceNode u) {
                            u.getValue().forEach(x -> urls.add(scalar(x)));
                        }
                        versions.add(new Entry(name, scalar(value(e, "version")), List.copyOf(urls),
                                scalar(value(e, "digest")), scalar(value(e, "appVersion"))));
                    }
                }
            }
            out.put(name, List.copyOf(versions));
        }
        return new RepositoryIndex(Map.copyOf(out));
    }

    private static Node value(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (key.equals(scalar(t.getKeyNode()))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : "";
    }

    /**
     * The highest version of {@code chart} matching {@code range} ({@code *} or "" for the newest
     * release), as source-controller picks it.
     *
     * @throws IllegalArgumentException with Flux's wording when there is none, or the range is invalid
     */
    public Entry select(String chart, String range) {
        List<Entry> versions = entries.get(chart);
        if (versions == null || versions.isEmpty()) {
            throw new IllegalArgumentException("no chart name found: chart '" + chart + "' is not in the repository index");
        }
        SemverConstraint c = SemverConstraint.parse(range == null || range.isBlank() ? "*" : range);
        Entry best = null;
        SemVersion bestVersion = null;
        for (Entry e : versions) {
            Optional<SemVersion> v = SemVersion.parse(e.version());
            if (v.isPresent() && c.matches(v.get()) && (bestVersion == null || v.get().compareTo(bestVersion) > 0)) {
                best = e;
                bestVersion = v.get();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no '" + chart + "' chart with version matching '" + range + "' found");
        }
        return best;
    }
}
