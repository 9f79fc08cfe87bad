package dev.sluice.helm.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.yaml.YamlWriter;
import dev.sluice.gitops.kustomize.BuildResult;
import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A HelmRelease's {@code spec.postRenderers}: each one's {@code kustomize} block ({@code patches},
 * {@code images}) is built by Sluice's kustomize engine over the rendered manifest, in order, as
 * helm-controller's kustomize post-renderer does. Documents keep the template path they came from
 * (new ones are named {@code postrenderer}). Hooks are not post-rendered (Helm passes only the
 * manifest). Thread-safe; each call works in its own temporary directory.
 */
public final class PostRenderers {

    private final Kustomizer kustomizer = new Kustomizer();

    /**
     * @param renderers the {@code postRenderers} entries as written (after conversion to v2)
     * @throws ChartException naming the post-renderer and what kustomize refused
     */
    public RenderedChart apply(RenderedChart rendered, JsonNode renderers) throws ChartException {
        if (renderers == null || !renderers.isArray() || renderers.isEmpty()) {
            return rendered;
        }
        List<ManifestDocs.Doc> docs = ManifestDocs.split(rendered.manifest());
        Map<ObjectKey, String> paths = new HashMap<>();
        for (ManifestDocs.Doc d : docs) {
            for (KubeObject o : ManifestDocs.objects(d)) {
                paths.put(o.key(), d.path());
            }
        }
        List<ObjectNode> objects = nodes(rendered);
        for (int i = 0; i < renderers.size(); i++) {
            JsonNode k = renderers.get(i).path("kustomize");
            if (k.isObject()) {
                objects = build(objects, (ObjectNode) k, i);
            }
        }
        List<ManifestDocs.Doc> out = new ArrayList<>();
        List<KubeObject> resources = new ArrayList<>();
        for (ObjectNode n : objects) {
            KubeObject o = KubeObject.of(n);
            resources.add(o);
            out.add(new ManifestDocs.Doc(paths.getOrDefault(o.key(), "postrenderer"), YamlWriter.write(n)));
        }
        return new RenderedChart(ManifestDocs.join(out), resources, rendered.hooks());
    }

    private static List<ObjectNode> nodes(RenderedChart r) {
        List<ObjectNode> out = new ArrayList<>();
        r.resources().forEach(o -> out.add(o.toNode()));
        return out;
    }

    private List<ObjectNode> build(List<ObjectNode> input, ObjectNode kustomize, int index) throws ChartException {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("sluice-postrender-");
            StringBuilder resources = new StringBuilder();
            for (ObjectNode o : input) {
                resources.append("---\n").append(YamlWriter.write(o));
            }
            Files.writeString(tmp.resolve("resources.yaml"), resources.toString());
            ObjectNode k = Json.object().put("apiVersion", "kustomize.config.k8s.io/v1beta1").put("kind", "Kustomization");
            k.putArray("resources").add("resources.yaml");
            for (String field : List.of("patches", "images")) {
                if (kustomize.has(field)) {
                    k.set(field, kustomize.get(field).deepCopy());
                }
            }
            Files.writeString(tmp.resolve("kustomization.yaml"), YamlWriter.write(k));
            BuildResult r = kustomizer.build(tmp, KustomizeOptions.defaults());
            return r.objects();
        } catch (KustomizeException e) {
            throw new ChartException("post-renderer " + index + " (kustomize) failed: " + e.getMessage().replace(
                    tmp == null ? "\u0000" : tmp.toString() + "/", ""), e);
        } catch (IOException e) {
            throw new ChartException("post-renderer " + index + " failed: " + e.getMessage(), e);
        } finally {
            delete(tmp);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
