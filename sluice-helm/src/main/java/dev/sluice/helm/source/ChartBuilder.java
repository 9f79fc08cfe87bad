package dev.sluice.helm.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.api.yaml.YamlWriter;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.ChartMetadata;
import dev.sluice.helm.values.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The pure-ish steps of building a HelmChart artifact: packaging a chart directory from a Git
 * artifact, merging {@code valuesFiles} into the chart's {@code values.yaml} (the listed files
 * only, in order, later ones winning, as Flux does), and rewriting the chart version.
 */
final class ChartBuilder {

    private ChartBuilder() {
    }

    /**
     * Packages the chart in {@code dir} (files under hidden directories such as {@code .git} are
     * left out).
     *
     * @throws ChartException when there is no valid Chart.yaml
     */
    static ChartArchive pack(Path dir, String shownPath) throws ChartException {
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new ChartException("failed to load chart: no Chart.yaml found at path '" + shownPath + "'");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".") || rel.contains("/.")) {
                    continue;
                }
                files.put(rel, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new ChartException("failed to load chart at path '" + shownPath + "': " + e.getMessage(), e);
        }
        ChartMetadata meta = ChartMetadata.parse(files.get("Chart.yaml"), shownPath + "/Chart.yaml");
        return new ChartArchive(meta.name(), files);
    }

    /**
     * {@code chart} with values.yaml replaced by the merge of {@code valuesFiles}; unchanged when
     * the list is empty.
     *
     * @param read a file's content by its path as listed, or null when it does not exist
     * @throws ChartException naming the file, and for bad YAML the line and column
     */
    static ChartArchive mergeValues(ChartArchive chart, List<String> valuesFiles, boolean ignoreMissing,
                                    Function<String, byte[]> read) throws ChartException {
        if (valuesFiles.isEmpty()) {
            return chart;
        }
        ObjectNode merged = Json.object();
        for (String file : valuesFiles) {
            byte[] content = read.apply(file);
            if (content == null) {
                if (ignoreMissing) {
                    continue;
                }
                throw new ChartException("no values file found at path '" + file + "'");
            }
            List<YamlDocument> docs;
            try {
                docs = Yaml.readAll(new String(content, StandardCharsets.UTF_8), file);
            } catch (InvalidInputException e) {
                throw new ChartException("failed to parse values file '" + file + "': " + e.getMessage(), e);
            }
            if (docs.isEmpty()) {
                continue;
            }
            if (docs.size() > 1 || !docs.get(0).content().isObject()) {
                throw new ChartException("failed to parse values file '" + file + "': expected one mapping of values, got "
                        + (docs.size() > 1 ? docs.size() + " documents" : docs.get(0).content().getNodeType().toString().toLowerCase()));
            }
            merged = Values.merge(merged, docs.get(0).content());
        }
        return chart.with("values.yaml", YamlWriter.write(merged).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code chart} with Chart.yaml's version set to {@code version}. */
    static ChartArchive withVersion(ChartArchive chart, ChartMetadata meta, String version) {
        if (meta.version().equals(version)) {
            return chart;
        }
        return chart.with("Chart.yaml", YamlWriter.write(meta.withVersion(version).tree()).getBytes(StandardCharsets.UTF_8));
    }

    /** A path from a spec, relative to a root: leading {@code ./} and {@code /} removed. */
    static String relative(String path) {
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }
}
