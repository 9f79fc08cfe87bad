package dev.sluice.helm.chart;

import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Helm's manifest text: documents written as {@code ---\n# Source: <path>\n<yaml>\n}. Splits it
 * into documents and objects, and joins documents back. Pure.
 */
public final class ManifestDocs {

    private static final String SOURCE = "# Source: ";

    /** One document of a manifest and the template it came from. */
    public record Doc(String path, String content) {
    }

    private ManifestDocs() {
    }

    public static List<Doc> split(String manifest) {
        List<Doc> out = new ArrayList<>();
        String text = "\n" + manifest.replace("\r\n", "\n");
        String[] parts = text.split("\n---[ \t]*\n");
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            String path = "";
            if (p.startsWith(SOURCE)) {
                int nl = p.indexOf('\n');
                path = (nl < 0 ? p.substring(SOURCE.length()) : p.substring(SOURCE.length(), nl)).strip();
                p = nl < 0 ? "" : p.substring(nl + 1);
            }
            if (!p.isBlank()) {
                out.add(new Doc(path, p));
            }
        }
        return out;
    }

    public static String join(List<Doc> docs) {
        StringBuilder b = new StringBuilder();
        for (Doc d : docs) {
            b.append("---\n").append(SOURCE).append(d.path()).append('\n').append(d.content().strip()).append('\n');
        }
        return b.toString();
    }

    /**
     * The objects of a manifest, in order; documents with no content (e.g. a template that rendered
     * only comments) are skipped.
     *
     * @throws ChartException naming the template whose output is not a Kubernetes object
     */
    public static List<KubeObject> objects(String manifest) throws ChartException {
        List<KubeObject> out = new ArrayList<>();
        for (Doc d : split(manifest)) {
            out.addAll(objects(d));
        }
        return out;
    }

    static List<KubeObject> objects(Doc d) throws ChartException {
        List<KubeObject> out = new ArrayList<>();
        try {
            for (YamlDocument y : Yaml.readAll(d.content(), d.path())) {
                out.add(KubeObject.of(y.content()));
            }
        } catch (InvalidInputException e) {
            throw new ChartException("template " + d.path() + " rendered an invalid object: " + e.getMessage(), e);
        }
        return out;
    }
}
