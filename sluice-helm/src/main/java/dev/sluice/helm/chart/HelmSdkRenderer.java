package dev.sluice.helm.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders charts with the real Helm SDK (helm-java: Helm's Go code as a native library), as
 * {@code helm template} does. Thread-safe; each call works in its own temporary directory.
 *
 * <p>helm-java returns only the release manifest and drops hooks. To get the hooks too, the
 * {@code helm.sh/hook} annotation keys are renamed in the templates before rendering (Helm then
 * treats hooks as plain manifests) and renamed back in the output, where documents carrying them
 * become {@link Hook}s. Annotation keys are literal text in real charts, so this changes nothing
 * else. {@code .Release.IsUpgrade} is always false and {@code .Release.Revision} 1, as in
 * {@code helm template}.
 */
public final class HelmSdkRenderer implements ChartRenderer {

    private static final String HOOK_KEY = "helm.sh/hook";
    private static final String ALIAS = "sluice.dev/helm-hook";
    private static final Pattern SUBCHART_TGZ = Pattern.compile("charts/[^/]+\\.tgz");

    private final Path workDir;

    /** @param workDir where temporary chart copies are written (e.g. under the state directory) */
    public HelmSdkRenderer(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public RenderedChart render(ChartArchive chart, String release, String namespace, ObjectNode values)
            throws ChartException {
        Path tmp = null;
        try {
            Files.createDirectories(workDir);
            tmp = Files.createTempDirectory(workDir, "render-");
            Path chartDir = tmp.resolve(chart.topDirectory());
            writeChart(chart, chartDir);
            Path valuesFile = tmp.resolve("values.json");
            Files.writeString(valuesFile, Json.write(values));
            String out;
            try {
                out = new Helm(chartDir).template().withName(release).withNamespace(namespace)
                        .withValuesFile(valuesFile).call();
            } catch (IllegalStateException e) {
                throw new ChartException(clean(e.getMessage(), tmp), e);
            }
            return split(out);
        } catch (IOException e) {
            throw new ChartException("cannot prepare chart " + chart.topDirectory() + " for rendering: " + e.getMessage(), e);
        } finally {
            delete(tmp);
        }
    }

    /** Writes a chart, unpacking packaged subcharts, with the hook annotation keys renamed. */
    private static void writeChart(ChartArchive chart, Path dir) throws IOException, ChartException {
        for (Map.Entry<String, byte[]> f : chart.files().entrySet()) {
            String path = f.getKey();
            if (SUBCHART_TGZ.matcher(path).matches()) {
                ChartArchive sub = ChartArchive.read(f.getValue(), path);
                writeChart(sub, dir.resolve("charts").resolve(sub.topDirectory()));
                continue;
            }
            Path target = dir.resolve(path).normalize();
            if (!target.startsWith(dir)) {
                throw new ChartException("chart file '" + path + "' leaves the chart directory");
            }
            Files.createDirectories(target.getParent());
            byte[] content = f.getValue();
            if (path.startsWith("templates/") || path.contains("/templates/")) {
                content = new String(content, StandardCharsets.UTF_8).replace(HOOK_KEY, ALIAS).getBytes(StandardCharsets.UTF_8);
            }
            Files.write(target, content);
        }
    }

    private static RenderedChart split(String out) throws ChartException {
        List<ManifestDocs.Doc> manifest = new ArrayList<>();
        List<KubeObject> resources = new ArrayList<>();
        List<Hook> hooks = new ArrayList<>();
        for (ManifestDocs.Doc d : ManifestDocs.split(out)) {
            String content = d.content().replace(ALIAS, HOOK_KEY);
            ManifestDocs.Doc doc = new ManifestDocs.Doc(d.path(), content);
            List<KubeObject> objects = ManifestDocs.objects(doc);
            if (objects.size() == 1 && objects.get(0).annotations().containsKey(HOOK_KEY)) {
                hooks.add(Hook.of(objects.get(0), d.path(), content));
            } else {
                manifest.add(doc);
                resources.addAll(objects);
            }
        }
        return new RenderedChart(ManifestDocs.join(manifest), resources, hooks);
    }

    /** Helm's message without our temporary paths and the CLI's --debug hint. */
    private static String clean(String message, Path tmp) {
        String m = message == null ? "rendering failed" : message;
        m = m.replace(tmp.toString() + "/", "").replace(tmp.toString(), "");
        int hint = m.indexOf("Use --debug flag");
        return (hint < 0 ? m : m.substring(0, hint)).strip();
    }

    private static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
