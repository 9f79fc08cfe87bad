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
    /** Larger files are refused before they are read (multi-document bundles of CRDs stay well below). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
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
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(Diagnostic.error(FieldPath.root(), "file of " + size
                        + " bytes is too large; YAML files are limited to " + MAX_FILE_BYTES + " bytes").at(file.toString(), -1, 0));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.root(), notUtf8(file)).at(file.toString(), -1, 0));
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
        longTokens(text, source);
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
        } catch (org.yaml.snakeyaml.reader.ReaderException e) {
            throw refused(source, index, line, "special character " + String.format("U+%04X", e.getCodePoint())
                    + " at " + position(text, e.getPosition()) + " is not allowed; remove it, or write it as an escape"
                    + " in a double-quoted string");
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

    /**
     * Refuses a key or value longer than a whole document may be, before SnakeYAML scans it: its
     * scanner copies its buffer for every chunk of one token, so a 10 MiB token costs minutes of CPU
     * before the size limit is even looked at. Whitespace ends a run; such a token can never be valid.
     */
    private static void longTokens(String text, String source) {
        if (text.length() <= MAX_DOCUMENT_BYTES) {
            return;
        }
        int run = 0;
        int line = 1;
        int document = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                run = 0;
                if (text.startsWith("---", i + 1)) {
                    document++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r') {
                run = 0;
            } else if (++run > MAX_DOCUMENT_BYTES) {
                throw refused(source, document, line, "a key or value on line " + line + " runs for more than "
                        + MAX_DOCUMENT_BYTES + " characters without a break; a document is limited to "
                        + MAX_DOCUMENT_BYTES + " bytes");
            }
        }
    }

    /** {@code line 4, column 11} of a character offset. */
    private static String position(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    /** Where the first byte that is not UTF-8 lies, and what to do about it. */
    private static String notUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return "cannot read file: " + e.getMessage();
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        var in = java.nio.ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        int at = in.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String b = at < bytes.length ? String.format("0x%02X", bytes[at] & 0xff) : "the end";
        return "not UTF-8 text: byte " + b + " at line " + line + ", byte " + (at - lineStart + 1)
                + " of the line cannot be decoded; YAML files must be UTF-8 (save the file as UTF-8)";
    }

    private static String describe(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static int lineOf(Mark mark, int fallback) {
        return mark == null ? fallback : mark.getLine() + 1;
    }
}
