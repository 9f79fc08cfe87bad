package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A kustomize engine: {@code kustomize build DIR} semantics and output (kustomize v5.5), in
 * process. Files in, objects out; nothing is written.
 *
 * <p>Stateless and thread-safe: builds may run concurrently. Every failure caused by the input
 * is a {@link KustomizeException} whose message names the file or entry at fault.
 */
public final class Kustomizer {

    /**
     * Builds {@code dir}.
     *
     * @throws KustomizeException on any problem with the input
     */
    public BuildResult build(Path dir, KustomizeOptions options) {
        try {
            return doBuild(dir, options);
        } catch (KustomizeException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new KustomizeException("input nested too deeply under " + dir);
        } catch (RuntimeException e) {
            // A bug or an input shape we did not foresee: still report it as a build failure.
            throw new KustomizeException("unexpected input under " + dir + ": " + e, e);
        }
    }

    private BuildResult doBuild(Path dir, KustomizeOptions options) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new KustomizeException("must build at directory: '" + abs + "' is not a directory");
        }
        Path root = options.loadRoot() == null ? abs : options.loadRoot().toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            throw new KustomizeException("security; build directory '" + abs + "' is not in or below the load root '" + root + "'");
        }
        BuildContext ctx = new BuildContext(new FileLoader(root, options.rootOnly()), options);
        Kustomization k;
        boolean hasFile = Kustomization.FILE_NAMES.stream().anyMatch(n -> Files.isRegularFile(abs.resolve(n)));
        if (hasFile || !options.generateIfMissing()) {
            k = KustTarget.load(ctx, abs);
        } else {
            k = Kustomization.parse(FluxGenerator.generate(ctx, abs), abs.resolve("kustomization.yaml"));
        }
        if (options.overlay() != null) {
            k = Kustomization.parse(overlay(k.spec, options.overlay()), k.file);
        }
        ResourceMap ra = new ResourceMap();
        new KustTarget(ctx, k).accumulate(ra);
        NameHash.applySuffixes(ra);
        NameReferences.fix(ctx, ra);
        Vars.resolve(ctx, ra);
        List<Resource> out = new ArrayList<>();
        for (Resource r : ra.resources()) {
            if (!"true".equals(r.obj.path("metadata").path("annotations").path("config.kubernetes.io/local-config").asText())) {
                out.add(r);
            }
        }
        if (!"fifo".equals(k.spec.path("sortOptions").path("order").asText())) {
            LegacyOrder.sort(out, k.spec.path("sortOptions"));
        }
        List<ObjectNode> objects = new ArrayList<>(out.size());
        out.forEach(r -> objects.add(r.obj));
        return new BuildResult(objects, new ArrayList<>(ctx.warnings));
    }

    /** Lists appended, maps merged, scalars replaced. */
    static ObjectNode overlay(ObjectNode base, ObjectNode extra) {
        ObjectNode out = base.deepCopy();
        extra.properties().forEach(e -> {
            JsonNode cur = out.get(e.getKey());
            JsonNode add = e.getValue();
            if (cur instanceof ArrayNode a && add instanceof ArrayNode b) {
                b.forEach(x -> a.add(x.deepCopy()));
            } else if (cur instanceof ObjectNode a && add instanceof ObjectNode b) {
                a.setAll(b.deepCopy());
            } else {
                out.set(e.getKey(), add.deepCopy());
            }
        });
        return out;
    }
}
