package dev.sluice.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Prints JSON trees as YAML exactly as {@code kustomize build} (and {@code kubectl kustomize})
 * does: keys in go-yaml's natural order, two-space indentation, sequences not indented under
 * their key, strings quoted only when they would otherwise read back as another type or break
 * the syntax ({@code "true"}, {@code "0x1F"}, {@code '*star'}), multi-line strings as literal
 * blocks, long lines folded at 80 columns, and {@code ---} between documents.
 *
 * <p>Stateless and thread-safe. Never fails on a JSON tree; binary nodes are printed as base64.
 */
public final class YamlWriter {

    private YamlWriter() {}

    /** One document, ending with a newline, without a leading {@code ---}. */
    public static String write(JsonNode document) {
        StringBuilder sb = new StringBuilder(256);
        writeTo(sb, document);
        return sb.toString();
    }

    /** Several documents separated by {@code ---} lines, as kustomize prints a build. */
    public static String writeAll(List<? extends JsonNode> documents) {
        StringBuilder sb = new StringBuilder(documents.size() * 512);
        boolean first = true;
        for (JsonNode d : documents) {
            if (!first) {
                sb.append("---\n");
            }
            first = false;
            writeTo(sb, d);
        }
        return sb.toString();
    }

    /** Appends one document to {@code out}. */
    public static void writeTo(StringBuilder out, JsonNode document) {
        new YamlEmitter(out).document(document);
    }
}
