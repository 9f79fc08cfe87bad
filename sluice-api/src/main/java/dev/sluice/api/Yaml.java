package dev.sluice.api;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads multi-document YAML safely: alias bombs, oversized documents, deep nesting and duplicate
 * keys are refused with a {@link Diagnostic} naming the file, document and line, never an
 * OutOfMemoryError or a StackOverflowError. Plain scalars follow the YAML 1.2 core schema as
 * go-yaml v3 does ({@code on} is a string). Thread-safe.
 */
public final class Yaml {

    /** Larger documents are refused (the Kubernetes API server's own request limit is 3 MiB). */
    public static final int MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
    /** Aliases per document; enough for real files. Expansion is bounded separately. */
    public static final int MAX_ALIASES = 100;

    private Yaml() {
    }

    private static org.yaml.snakeyaml.Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(Json.MAX_DEPTH);
        options.setCodePointLimit(MAX_DOCUMENT_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        DumperOptions dumper = new DumperOptions();
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options,
                new CoreSchemaResolver());
    }

    /** Reads every non-empty document of a file; the file name in diagnostics is the path as given. */
    public static List<YamlDocument> readAll(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.root(), "cannot read file: " + e.getMessage())
                    .at(file.toString(), -1, 0));
        }
        return readAll(text, file.toString());
    }

    /**
     * Reads every non-empty document of a YAML (or JSON) stream.
     *
     * @throws InvalidInputException for syntax errors and refused input, located in {@code source}
     */
    public static List<YamlDocument> readAll(String text, String source) {
        List<YamlDocument> docs = new ArrayList<>();
        int index = 0;
        int line = 1;
        try {
            Iterator<Node> it = parser().composeAll(new StringReader(text)).iterator();
            while (it.hasNext()) {
                Node node = it.next();
                line = node.getStartMark().getLine() + 1;
                if (!isEmpty(node)) {
                    docs.add(new YamlDocument(source, index, line, new YamlTrees().convert(node, FieldPath.root())));
                }
                index++;
            }
        } catch (MarkedYAMLException e) {
            throw refused(source, index, lineOf(e.getProblemMark(), line), e.getProblem() + describe(e.getProblemMark()));
        } catch (YAMLException | IllegalArgumentException | IllegalStateException e) {
            throw refused(source, index, line, e.getMessage());
        } catch (StackOverflowError e) {
            // The depth limit normally stops SnakeYAML long before this.
            throw refused(source, index, line, "document nested too deeply (limit " + Json.MAX_DEPTH + " levels)");
        }
        return docs;
    }

    /** Reads exactly one document; an empty input or several documents are errors. */
    public static YamlDocument readOne(String text, String source) {
        List<YamlDocument> docs = readAll(text, source);
        if (docs.size() != 1) {
            throw refused(source, -1, 1, "expected exactly one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    private static boolean isEmpty(Node node) {
        return node instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                && s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL);
    }

    private static InvalidInputException refused(String source, int index, int line, String why) {
        String message = why == null ? "invalid YAML" : why.strip().replaceAll("\\s*\\n\\s*", " ");
        return new InvalidInputException(Diagnostic.error(FieldPath.root(), "invalid YAML: " + message)
                .at(source, index, line));
    }

    private static String describe(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static int lineOf(Mark mark, int fallback) {
        return mark == null ? fallback : mark.getLine() + 1;
    }
}
