package dev.sluice.gitops.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random trees of kustomizations (bases, components, generators, patches, symlinks in and out of the
 * artifact, escapes, cycles, broken files) into the kustomize engine: it builds, or fails with a
 * KustomizeException that is not its safety net for unforeseen input, and nothing from outside the
 * artifact ever reaches the output or the message.
 */
class KustomizeTreePropertiesTest {

    /** One directory d0..d3 of the tree: its kustomization text and extra files. */
    record Dir(String kustomization, List<String> files, String link) {
    }

    private static final String[] ENTRIES = {
        "resources:\n- r.yaml\n", "resources:\n- ../d1\n", "resources:\n- ../d2\n", "resources:\n- ../d0\n",
        "resources:\n- ../../outside\n", "resources:\n- /etc/hostname\n", "resources:\n- link\n", "resources:\n- ../d3/r.yaml\n",
        "resources:\n- https://example.com/base\n", "components:\n- ../d3\n", "components:\n- ../d1\n", "components:\n- link\n",
        "configMapGenerator:\n- name: g\n  files:\n  - link\n", "configMapGenerator:\n- name: g\n  files:\n  - k=r.yaml\n",
        "configMapGenerator:\n- name: g\n  envs:\n  - ../../outside/secret.txt\n", "secretGenerator:\n- name: s\n  literals: [a=b]\n",
        "patches:\n- path: link\n", "patches:\n- path: p.yaml\n", "patches:\n- patch: '{kind: ConfigMap, metadata: {name: r}, data: {z: y}}'\n",
        "patches:\n- target: {kind: ConfigMap, labelSelector: 'a in (b'}\n  patch: '[{op: remove, path: /data}]'\n",
        "namePrefix: p-\n", "namespace: ns\n", "commonLabels: {app: x}\n", "images:\n- name: nginx\n  newTag: '1'\n",
        "replacements:\n- source: {kind: ConfigMap, name: r, fieldPath: data.a}\n  targets:\n  - select: {kind: ConfigMap}\n    fieldPaths: [data.b]\n",
        "transformers:\n- t.yaml\n", "crds:\n- link\n", "kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n", "bogus: 1\n", "[broken\n"
    };
    private static final String[] FILES = {
        "r.yaml=apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r\ndata:\n  a: b\n",
        "r.yaml=apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: r}\nspec: {template: {spec: {containers: [{name: c, image: nginx}]}}}\n",
        "r.yaml=- not a mapping\n", "r.yaml=a: &a [*a]\n", "r.yaml=kind: ConfigMap\n",
        "p.yaml=apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r}\ndata: {c: d}\n", "p.yaml=- op: add\n  path: /x\n",
        "t.yaml=apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata: {name: t}\nprefix: q-\nfieldSpecs: [{path: metadata/name}]\n",
        "t.yaml=apiVersion: builtin\nkind: Nope\nmetadata: {name: t}\n"
    };
    private static final String[] LINKS = {"", "../../outside/secret.txt", "../../outside", "/etc/hostname", "r.yaml", "link", "../d1", "../d0"};

    @Property(tries = 250)
    void buildsOrFailsWithItsOwnExplainedError(@ForAll("trees") List<Dir> tree, @ForAll boolean fluxMode) throws IOException {
        Path work = Files.createTempDirectory("ktree");
        try {
            Path artifact = layOut(work, tree);
            Path dir = artifact.resolve("d0");
            KustomizeOptions options = fluxMode ? KustomizeOptions.flux(artifact) : KustomizeOptions.defaults();
            String output;
            try {
                output = new Kustomizer().build(dir, options).yaml();
            } catch (KustomizeException e) {
                if (e.getMessage().startsWith("unexpected input")) {
                    throw new AssertionError("engine bug on " + tree, e.getCause());
                }
                output = e.getMessage();
            }
            assertThat(output).doesNotContain(KustomizeCases.PLANTED);
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<List<Dir>> trees() {
        Arbitrary<String> kustomization = Arbitraries.of(ENTRIES).list().ofMinSize(0).ofMaxSize(4).map(l -> String.join("", l));
        Arbitrary<Dir> dir = Combinators.combine(kustomization, Arbitraries.of(FILES).list().ofMaxSize(3), Arbitraries.of(LINKS))
                .as(Dir::new);
        return dir.list().ofMinSize(1).ofMaxSize(4);
    }

    private static Path layOut(Path work, List<Dir> tree) throws IOException {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "token=" + KustomizeCases.PLANTED + "\n");
        Files.writeString(outside.resolve("kustomization.yaml"), "resources: [cm.yaml]\n");
        Files.writeString(outside.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + KustomizeCases.PLANTED + "}\n");
        Path artifact = work.resolve("artifact");
        for (int i = 0; i < tree.size(); i++) {
            Dir d = tree.get(i);
            Path dir = Files.createDirectories(artifact.resolve("d" + i));
            Files.writeString(dir.resolve("kustomization.yaml"), d.kustomization());
            for (String f : d.files()) {
                String[] nameAndText = f.split("=", 2);
                Files.writeString(dir.resolve(nameAndText[0]), nameAndText[1]);
            }
            if (!d.link().isEmpty()) {
                Files.createSymbolicLink(dir.resolve("link"), Path.of(d.link()));
            }
        }
        return artifact;
    }
}
