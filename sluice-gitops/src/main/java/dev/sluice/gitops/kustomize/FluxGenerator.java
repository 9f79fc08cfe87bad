package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flux's generated kustomization for a directory without one: every YAML file below it that holds
 * Kubernetes objects, in lexical walk order; a subdirectory with its own kustomization file is
 * listed as one resource and not descended into.
 */
final class FluxGenerator {

    private FluxGenerator() {}

    static ObjectNode generate(BuildContext ctx, Path dir) {
        ObjectNode k = Json.F.objectNode();
        k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        k.put("kind", "Kustomization");
        ArrayNode resources = k.putArray("resources");
        scan(ctx, dir, dir, resources);
        return k;
    }

    private static void scan(BuildContext ctx, Path base, Path dir, ArrayNode resources) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new KustomizeException("cannot list " + dir + ": " + e.getMessage());
        }
        for (Path p : children) {
            String rel = base.relativize(p).toString().replace('\\', '/');
            if (Files.isDirectory(p)) {
                if (Kustomization.FILE_NAMES.stream().anyMatch(n -> Files.isRegularFile(p.resolve(n)))) {
                    resources.add(rel);
                } else {
                    scan(ctx, base, p, resources);
                }
                continue;
            }
            String name = p.getFileName().toString();
            if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
                continue;
            }
            try {
                ctx.loader.resolve(base, rel, "generated resources", base.resolve("kustomization.yaml"));
                List<JsonNode> docs = ManifestReader.readAll(ctx.loader.read(p), p.toString());
                boolean objects = !docs.isEmpty() && docs.stream().allMatch(d -> d.isObject() && d.has("apiVersion") && d.has("kind"));
                if (objects) {
                    resources.add(rel);
                } else {
                    ctx.warnings.add("# Warning: skipping " + rel + ": not Kubernetes YAML");
                }
            } catch (KustomizeException e) {
                ctx.warnings.add("# Warning: skipping " + rel + ": " + e.getMessage());
            }
        }
    }
}
