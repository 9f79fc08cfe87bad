package dev.sluice.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One document in go-yaml v2's block style: the libyaml emitter's indentation, column and
 * whitespace bookkeeping, reduced to the events a JSON tree produces (no anchors, no tags, flow
 * style only for empty collections). Not thread-safe; one instance per document.
 */
final class YamlEmitter {

    private static final int BEST_INDENT = 2;
    private static final int BEST_WIDTH = 80;

    private final StringBuilder out;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private int indent = -1;
    private final Deque<Integer> indents = new ArrayDeque<>();

    // The context the current node is emitted in (libyaml's *_context flags).
    private boolean mappingContext;
    private boolean simpleKeyContext;

    YamlEmitter(StringBuilder out) {
        this.out = out;
    }

    void document(JsonNode root) {
        node(root, false, false);
        writeIndent(); // ends the last line, as libyaml's document end does
    }

    private void node(JsonNode n, boolean mapping, boolean simpleKey) {
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        if (n.isObject()) {
            if (n.isEmpty()) {
                flowEmpty("{", "}");
            } else {
                blockMapping(n);
            }
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                flowEmpty("[", "]");
            } else {
                blockSequence(n);
            }
        } else if (n.isTextual()) {
            String s = n.textValue();
            Style requested =
                    s.indexOf('\n') >= 0
                            ? Style.LITERAL
                            : (YamlPlainResolver.needsQuotes(s) ? Style.DOUBLE : Style.PLAIN);
            scalar(s, requested);
        } else if (n.isNull() || n.isMissingNode()) {
            scalar("null", Style.PLAIN);
        } else if (n.isBoolean()) {
            scalar(n.booleanValue() ? "true" : "false", Style.PLAIN);
        } else if (n.isNumber()) {
            scalar(GoNumbers.format(n), Style.PLAIN);
        } else if (n.isBinary()) {
            scalar(java.util.Base64.getEncoder().encodeToString(binary(n)), Style.PLAIN);
        } else {
            scalar(n.asText(), Style.PLAIN);
        }
    }

    private static byte[] binary(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void blockMapping(JsonNode n) {
        increaseIndent(false, false);
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(n.size());
        n.properties().forEach(entries::add);
        entries.sort(Map.Entry.comparingByKey(GoYamlKeyOrder.INSTANCE));
        for (Map.Entry<String, JsonNode> e : entries) {
            writeIndent();
            String key = e.getKey();
            if (isSimpleKey(key)) {
                node(Json.text(key), true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                node(Json.text(key), true, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            node(e.getValue(), true, false);
        }
        indent = indents.pop();
    }

    private static boolean isSimpleKey(String key) {
        return ScalarAnalysis.of(key).multiline() == false
                && key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 128;
    }

    private void blockSequence(JsonNode n) {
        increaseIndent(false, mappingContext && !indention);
        for (JsonNode item : n) {
            writeIndent();
            writeIndicator("-", true, false, true);
            node(item, false, false);
        }
        indent = indents.pop();
    }

    private void flowEmpty(String open, String close) {
        writeIndicator(open, true, true, false);
        writeIndicator(close, false, false, false);
    }

    private enum Style {
        PLAIN,
        SINGLE,
        DOUBLE,
        LITERAL
    }

    private void scalar(String value, Style requested) {
        ScalarAnalysis a = ScalarAnalysis.of(value);
        Style style = requested;
        if (simpleKeyContext && a.multiline()) {
            style = Style.DOUBLE;
        }
        if (style == Style.PLAIN) {
            if (!a.blockPlainAllowed() || (value.isEmpty() && simpleKeyContext)) {
                style = Style.SINGLE;
            }
        }
        if (style == Style.SINGLE && !a.singleQuotedAllowed()) {
            style = Style.DOUBLE;
        }
        if (style == Style.LITERAL && (!a.blockAllowed() || simpleKeyContext)) {
            style = Style.DOUBLE;
        }
        increaseIndent(true, false);
        boolean allowBreaks = !simpleKeyContext;
        var w = new ScalarWriter(this, allowBreaks);
        switch (style) {
            case PLAIN -> w.plain(value);
            case SINGLE -> w.singleQuoted(value);
            case DOUBLE -> w.doubleQuoted(value);
            case LITERAL -> w.literal(value);
        }
        indent = indents.pop();
    }

    // ---- libyaml's low-level output primitives, used by ScalarWriter too ----

    void increaseIndent(boolean flow, boolean indentless) {
        indents.push(indent);
        if (indent < 0) {
            indent = flow ? BEST_INDENT : 0;
        } else if (!indentless) {
            indent += BEST_INDENT;
        }
    }

    void writeIndent() {
        int target = Math.max(indent, 0);
        if (!indention || column > target || (column == target && !whitespace)) {
            putBreak();
        }
        while (column < target) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        out.append(indicator);
        column += indicator.length();
        whitespace = isWhitespace;
        indention = indention && isIndention;
    }

    void put(char c) {
        out.append(c);
        column++;
    }

    void putCodePoint(int cp) {
        out.appendCodePoint(cp);
        column++;
    }

    void putBreak() {
        out.append('\n');
        column = 0;
    }

    /** A non-newline line break character was written: libyaml resets the column only. */
    void putBreakColumnOnly() {
        column = 0;
    }

    int column() {
        return column;
    }

    int bestWidth() {
        return BEST_WIDTH;
    }

    int bestIndent() {
        return BEST_INDENT;
    }

    boolean whitespace() {
        return whitespace;
    }

    void setWhitespace(boolean v) {
        whitespace = v;
    }

    void setIndention(boolean v) {
        indention = v;
    }

    /** Jackson node factory shortcut, kept local to avoid depending on the shared mapper. */
    private static final class Json {
        static JsonNode text(String s) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
        }
    }
}
