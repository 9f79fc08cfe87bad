package dev.sluice.gitops.kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever the input, the engine either builds or fails with its own, explained exception: never
 * another exception, and never the safety net that wraps an unforeseen one.
 */
class KustomizerPropertiesTest {

    private static final String[] FRAGMENTS = {
        "resources:\n- r.yaml\n", "resources:\n- ../x\n", "resources: 3\n", "namespace: [a]\n",
        "namePrefix: p-\n", "patches:\n- patch: '- op: add'\n", "patches:\n- {}\n", "images:\n- {}\n",
        "configMapGenerator:\n- name: c\n  literals: [x]\n", "secretGenerator:\n- literals: [a=b]\n",
        "commonLabels: {a: b}\n", "labels:\n- pairs: {x: y}\n  includeSelectors: true\n", "replicas:\n- name: r\n",
        "components:\n- r.yaml\n", "patchesJson6902:\n- path: r.yaml\n", "sortOptions: {order: fifo}\n",
        "crds:\n- r.yaml\n", "configurations:\n- r.yaml\n", "transformers:\n- r.yaml\n",
        "replacements:\n- source: {kind: ConfigMap}\n  targets:\n  - select: {kind: ConfigMap}\n    fieldPaths: [data.x, '[a=b]', '*.*']\n",
        "replacements:\n- path: r.yaml\n", "vars:\n- name: V\n  objref: {kind: ConfigMap, name: r}\n  fieldref: {fieldpath: data}\n",
        "vars:\n- {name: V, objref: {kind: ConfigMap, name: r, apiVersion: v1}}\n- {name: V}\n", "patches:\n- path: r.yaml\n  target: {name: '('}\n", "{{{", "- a\n- b\n", "kind: Component\n", ": :\n", "\t\n"
    };
    private static final String[] RESOURCES = {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r\n", "kind: X\n", "a: b\n", "- 1\n", "",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: r\nspec:\n  template:\n    spec:\n      containers: 3\n",
        "apiVersion: v1\nkind: List\nitems: [1, {kind: A}]\n", "---\n---\n", "&a [*a]\n", "key: [unterminated\n",
        "apiVersion: v1\nkind: Service\nmetadata: {name: r}\nspec: {ports: {a: 1}}\n", "- op: remove\n  path: /nope\n",
        "apiVersion: builtin\nkind: LabelTransformer\nlabels: {a: b}\nfieldSpecs: [{path: spec, create: true}]\n",
        "apiVersion: builtin\nkind: Nope\n", "- source: {kind: X}\n  targets: 3\n", "{\"a\": {\"Schema\": 3}}\n"
    };

    @Provide
    Arbitrary<Tuple.Tuple2<String, String>> inputs() {
        Arbitrary<String> kustomization = Arbitraries.of(FRAGMENTS).list().ofMinSize(0).ofMaxSize(5)
                .map(l -> String.join("", l));
        Arbitrary<String> resource = Arbitraries.oneOf(Arbitraries.of(RESOURCES),
                Arbitraries.strings().withChars("abk:-[]{}\n '\"&*!|>#%@").ofMaxLength(60));
        return kustomization.flatMap(k -> resource.map(r -> Tuple.of(k, r)));
    }

    @Property(tries = 500)
    void neverThrowsAnythingButKustomizeException(@ForAll("inputs") Tuple.Tuple2<String, String> input) throws IOException {
        Path dir = Files.createTempDirectory("kprop");
        try {
            Files.writeString(dir.resolve("kustomization.yaml"), input.get1());
            Files.writeString(dir.resolve("r.yaml"), input.get2());
            try {
                new Kustomizer().build(dir, KustomizeOptions.defaults()).yaml();
            } catch (KustomizeException expected) {
                // The one allowed failure, but not the safety net that wraps our own bugs.
                if (expected.getMessage().startsWith("unexpected input")) {
                    throw new AssertionError("engine bug on input " + input, expected.getCause());
                }
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
