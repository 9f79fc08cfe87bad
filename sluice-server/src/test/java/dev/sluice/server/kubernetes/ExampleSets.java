package dev.sluice.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import dev.sluice.gitops.kustomization.Prepare;
import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The objects of {@code examples/}, built the way Sluice builds them, in the batches a cluster would
 * receive them:
 *
 * <ul>
 *   <li><b>Repositories</b> ({@code faces}, {@code helm-local}): a {@code flux-system} Kustomization
 *       on {@code ./clusters/local}, as {@code flux bootstrap} makes, then every Kustomization that
 *       build holds (dependencies first), each built with Sluice's kustomize engine in Flux's mode and
 *       prepared as the reconciler prepares it (owner labels, default namespace).</li>
 *   <li><b>Seed articles</b> ({@code seeds/*}): these files are a corpus, not a repository; their
 *       kustomizations name files the articles did not show (examples/seeds/README.md). Each
 *       kustomization directory is built with those entries left out (the test checks which are
 *       missing, so a file added later is noticed), and every other file is applied as written.</li>
 * </ul>
 */
final class ExampleSets {

    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    static final String KUSTOMIZE_FILE = "kustomization.yaml";
    private static final KindModels MODELS = KindModels.builtIn();
    private static final String BOOTSTRAP = """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: flux-system, namespace: flux-system}
            spec: {interval: 10m, path: ./clusters/local, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
            """;
    /** What each seed kustomization names but the article did not show (examples/seeds/README.md). */
    private static final Map<String, Set<String>> UNSHOWN = Map.of(
            "seeds/gitops-linkerd-blog/cert-manager", Set.of("namespace.yaml", "repository.yaml", "release.yaml"),
            "seeds/gitops-linkerd-blog/faces", Set.of("namespace.yaml", "faces-ingress.yaml"));

    /** Objects applied together, as one Kustomization's reconciliation applies them. */
    record Batch(String name, List<KubeObject> objects) {
    }

    private ExampleSets() {
    }

    static List<String> names() {
        List<String> out = new ArrayList<>(List.of("faces", "helm-local"));
        try (Stream<Path> seeds = Files.list(EXAMPLES.resolve("seeds"))) {
            seeds.filter(Files::isDirectory).sorted().forEach(p -> out.add("seeds/" + p.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Batch> build(String set, Cluster cluster, Path tmp) throws Exception {
        return set.startsWith("seeds/") ? seed(set, tmp) : repository(EXAMPLES.resolve(set), cluster);
    }

    private static List<Batch> repository(Path root, Cluster cluster) throws Exception {
        List<Batch> out = new ArrayList<>();
        List<Kustomization> pending = new ArrayList<>(List.of(parse(KubeObject.parse(BOOTSTRAP))));
        while (!pending.isEmpty()) {
            Kustomization ks = pending.stream().filter(k -> k.spec().dependsOn().stream()
                    .allMatch(d -> out.stream().anyMatch(b -> b.name().equals(d.name())))).findFirst()
                    .orElseThrow(() -> new AssertionError("dependency cycle in " + pending));
            pending.remove(ks);
            Path dir = root.resolve(ks.spec().path()).normalize();
            ManifestBuilder.Built built = new KustomizerManifestBuilder().build(root, dir, ks.spec());
            List<KubeObject> objects = Prepare.objects(cluster, ks, built.objects());
            out.add(new Batch(ks.name(), objects));
            objects.stream().filter(o -> o.groupKind().equals(GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization")))
                    .map(ExampleSets::parse).forEach(pending::add);
        }
        return out;
    }

    private static List<Batch> seed(String set, Path tmp) throws Exception {
        Path root = EXAMPLES.resolve(set);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Batch> out = new ArrayList<>();
        List<KubeObject> plain = new ArrayList<>();
        Map<Path, List<String>> listed = new TreeMap<>();
        for (Path f : files) {
            if (f.getFileName().toString().equals(KUSTOMIZE_FILE)) {
                listed.put(f.getParent(), resources(f));
            }
        }
        for (Path f : files) {
            boolean kustomized = listed.getOrDefault(f.getParent(), List.of()).contains(f.getFileName().toString());
            if (!kustomized && !f.getFileName().toString().equals(KUSTOMIZE_FILE)) {
                for (YamlDocument d : Yaml.readAll(f)) {
                    plain.add(KubeObject.of(d.content()));
                }
            }
        }
        for (Map.Entry<Path, List<String>> k : listed.entrySet()) {
            out.add(new Batch(EXAMPLES.relativize(k.getKey()).toString(), kustomizeShown(k.getKey(), k.getValue(), tmp)));
        }
        out.add(new Batch(set + " (plain files)", plain));
        return out.stream().filter(b -> !b.objects().isEmpty()).toList();
    }

    /** Builds a seed kustomization from a copy that lists only the files the article showed. */
    private static List<KubeObject> kustomizeShown(Path dir, List<String> resources, Path tmp) throws Exception {
        String name = EXAMPLES.relativize(dir).toString();
        List<String> shown = resources.stream().filter(r -> Files.exists(dir.resolve(r))).toList();
        assertThat(resources.stream().filter(r -> !shown.contains(r)).toList()).as(name + ": resources not shown")
                .containsExactlyInAnyOrderElementsOf(UNSHOWN.getOrDefault(name, Set.of()));
        if (shown.size() < resources.size()) {
            String missing = resources.stream().filter(r -> !shown.contains(r)).findFirst().orElseThrow();
            assertThatThrownBy(() -> new Kustomizer().build(dir, KustomizeOptions.defaults())).as(name + " as written")
                    .isInstanceOf(KustomizeException.class).hasMessageContaining(missing);
        }
        Path copy = Files.createDirectories(tmp.resolve(name));
        ObjectNode k = (ObjectNode) Yaml.readOne(Files.readString(dir.resolve(KUSTOMIZE_FILE)), name).content().deepCopy();
        ArrayNode kept = k.putArray("resources");
        for (String r : shown) {
            kept.add(r);
            Files.copy(dir.resolve(r), copy.resolve(r));
        }
        Files.writeString(copy.resolve(KUSTOMIZE_FILE), Json.write(k));
        List<KubeObject> out = new ArrayList<>();
        for (ObjectNode o : new Kustomizer().build(copy, KustomizeOptions.defaults()).objects()) {
            out.add(KubeObject.of(o));
        }
        return out;
    }

    /**
     * Every object document of the set as written: all YAML files but kustomize's own and a Helm
     * chart's (templates are not manifests; the HelmRelease reconciler renders them).
     */
    static List<KubeObject> written(String set) throws IOException {
        Path root = EXAMPLES.resolve(set);
        List<KubeObject> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (!f.getFileName().toString().equals(KUSTOMIZE_FILE) && !root.relativize(f).startsWith("charts")) {
                    Yaml.readAll(f).forEach(d -> out.add(KubeObject.of(d.content())));
                }
            }
        }
        return out;
    }

    private static List<String> resources(Path kustomization) {
        JsonNode k = Yaml.readOne(readString(kustomization), kustomization.toString()).content();
        List<String> out = new ArrayList<>();
        k.path("resources").forEach(r -> out.add(r.asText()));
        return out;
    }

    private static String readString(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Kustomization parse(KubeObject o) {
        return MODELS.get(o.groupKind(), Kustomization.class).parse(MODELS.toLatest(o)).value();
    }

    static ObjectKey keyOf(JsonNode body) {
        return KubeObject.of(body).key();
    }

    /** {@code n} as its JSON text reads back: the same numbers compare equal whatever node type held them (int, long). */
    static JsonNode asSent(JsonNode n) {
        return Json.parseObject(Json.write(n));
    }

    /** The object without what the server sets: status, resourceVersion, uid, timestamps, generation, managedFields. */
    static ObjectNode userFields(KubeObject o) {
        ObjectNode n = o.toNode();
        n.remove("status");
        if (n.get("metadata") instanceof ObjectNode meta) {
            meta.remove(List.of("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink"));
        }
        return n;
    }
}
