package dev.sluice.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a composed SnakeYAML node graph into a Jackson tree. Aliases are expanded, under a budget
 * so that a small file cannot expand into millions of nodes ("billion laughs").
 */
final class YamlTrees {

    /** The most tree nodes one document may expand to. */
    static final int MAX_NODES = 2_000_000;

    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private int budget = MAX_NODES;

    JsonNode convert(Node node, FieldPath path) {
        if (--budget < 0) {
            throw new IllegalStateException("document expands to more than " + MAX_NODES
                    + " nodes (aliases expanding into too much data)");
        }
        return switch (node) {
            case MappingNode m -> mapping(m, path);
            case SequenceNode s -> sequence(s, path);
            case ScalarNode s -> scalar(s, path);
            default -> throw new IllegalStateException("unsupported YAML node " + node.getNodeId());
        };
    }

    private ObjectNode mapping(MappingNode m, FieldPath path) {
        ObjectNode out = F.objectNode();
        List<NodeTuple> tuples = m.getValue();
        // Merge keys ("<<: *base") first, so explicit keys of this mapping win.
        for (NodeTuple t : tuples) {
            if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                merge(out, t.getValueNode(), path);
            }
        }
        for (NodeTuple t : tuples) {
            Node keyNode = t.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                continue;
            }
            if (!(keyNode instanceof ScalarNode k)) {
                throw located(keyNode, path, "mapping keys must be scalars");
            }
            String key = k.getValue();
            if (out.has(key) && !mergedOnly(tuples, key, t)) {
                throw located(keyNode, path.child(key), "duplicate key '" + key + "'");
            }
            out.set(key, convert(t.getValueNode(), path.child(key)));
        }
        return out;
    }

    /** A key already present only because a merge key brought it in may be overridden. */
    private static boolean mergedOnly(List<NodeTuple> tuples, String key, NodeTuple current) {
        for (NodeTuple t : tuples) {
            if (t == current) {
                return true;
            }
            if (t.getKeyNode() instanceof ScalarNode s && !t.getKeyNode().getTag().equals(Tag.MERGE)
                    && s.getValue().equals(key)) {
                return false;
            }
        }
        return true;
    }

    private void merge(ObjectNode out, Node source, FieldPath path) {
        if (source instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                merge(out, n, path);
            }
            return;
        }
        JsonNode value = convert(source, path);
        if (!(value instanceof ObjectNode o)) {
            throw located(source, path, "a merge key (<<) needs a mapping or a list of mappings");
        }
        o.properties().forEach(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
    }

    private ArrayNode sequence(SequenceNode s, FieldPath path) {
        ArrayNode out = F.arrayNode(s.getValue().size());
        int i = 0;
        for (Node n : s.getValue()) {
            out.add(convert(n, path.index(i++)));
        }
        return out;
    }

    private static JsonNode scalar(ScalarNode s, FieldPath path) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return F.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return F.booleanNode(v.equalsIgnoreCase("true"));
        }
        if (tag.equals(Tag.INT)) {
            return integer(s, path, v);
        }
        if (tag.equals(Tag.FLOAT)) {
            return floating(v);
        }
        return F.textNode(v);
    }

    private static JsonNode integer(ScalarNode s, FieldPath path, String v) {
        try {
            BigInteger n;
            if (v.startsWith("0o")) {
                n = new BigInteger(v.substring(2), 8);
            } else if (v.startsWith("0x")) {
                n = new BigInteger(v.substring(2), 16);
            } else {
                n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
            }
            if (n.bitLength() < 32) {
                return F.numberNode(n.intValue());
            }
            return n.bitLength() < 64 ? F.numberNode(n.longValue()) : F.numberNode(n);
        } catch (NumberFormatException e) {
            throw located(s, path, "'" + v + "' is not an integer");
        }
    }

    private static JsonNode floating(String v) {
        String lower = v.toLowerCase();
        if (lower.endsWith(".inf")) {
            return F.numberNode(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (lower.equals(".nan")) {
            return F.numberNode(Double.NaN);
        }
        // BigDecimal keeps what the user wrote (1.10 stays 1.10) on a round trip.
        return F.numberNode(new BigDecimal(v.startsWith("+") ? v.substring(1) : v));
    }

    private static IllegalArgumentException located(Node n, FieldPath path, String message) {
        String where = path.isRoot() ? "" : path + ": ";
        return new IllegalArgumentException(where + message + " (line " + (n.getStartMark().getLine() + 1) + ")");
    }
}
