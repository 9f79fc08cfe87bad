package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML documents into Jackson trees with the scalar typing kustomize (go-yaml v3) applies:
 * only {@code true}/{@code false} are booleans ({@code yes} stays a string), {@code 0x1F},
 * {@code 0o17}, {@code 017} and {@code 1_000} are integers, timestamps become RFC 3339 strings, quoted
 * scalars are always strings. Limits nesting, size and alias expansion. Thread-safe (a new parser
 * per call).
 */
final class ManifestReader {

    /** Marks plain scalars so that we resolve them ourselves. */
    private static final Tag PLAIN = new Tag("tag:sluice.dev,2025:plain");

    private static final Pattern YAML_FLOAT =
            Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

    private static final java.util.Set<String> YAML11_TRUE = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
    private static final java.util.Set<String> YAML11_FALSE = java.util.Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");

    private ManifestReader() {}

    /** Every non-empty document of {@code text}; {@code source} names the file in errors. */
    static List<JsonNode> readAll(String text, String source) {
        return readAll(text, source, false);
    }

    /**
     * As {@link #readAll(String, String)}; with {@code yaml11} plain {@code yes/no/on/off/y/n} are
     * booleans, as when kustomize reads a JSON 6902 patch through sigs.k8s.io/yaml.
     */
    static List<JsonNode> readAll(String text, String source, boolean yaml11) {
        refuseLongTokens(text, source);
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(100);
        opts.setNestingDepthLimit(200);
        opts.setCodePointLimit(64 * 1024 * 1024);
        opts.setAllowDuplicateKeys(false); // go-yaml v3 refuses them too
        Yaml yaml = new Yaml(new SafeConstructor(opts), new Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), opts, new PlainResolver());
        List<JsonNode> out = new ArrayList<>();
        try {
            for (Node n : yaml.composeAll(new StringReader(text))) {
                if (n == null) {
                    continue;
                }
                JsonNode j;
                try {
                    j = convert(n, new IdentityHashMap<>(), 0, yaml11);
                } catch (KustomizeException e) {
                    throw new KustomizeException("invalid YAML in " + source + ": " + e.getMessage());
                }
                if (!j.isNull()) {
                    out.add(j);
                }
            }
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new KustomizeException("invalid YAML in " + source + where + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new KustomizeException("invalid YAML in " + source + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * A key or value longer than the API server's whole request limit can never be applied, and
     * SnakeYAML's scanner takes quadratic time over one long token (minutes for 10 MiB), so such a
     * run without whitespace is refused before parsing.
     */
    static void refuseLongTokens(String text, String source) {
        int limit = dev.sluice.api.Yaml.MAX_DOCUMENT_BYTES;
        if (text.length() <= limit) {
            return;
        }
        int run = 0;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                run = 0;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                run = 0;
            } else if (++run > limit) {
                throw new KustomizeException("invalid YAML in " + source + ": a key or value on line " + line
                        + " runs for more than " + limit + " characters without a break; the Kubernetes API accepts at most "
                        + limit + " bytes per object");
            }
        }
    }

    /** The most tree nodes one document may expand to through aliases ("billion laughs"), as go-yaml limits it. */
    static final long MAX_NODES = 2_000_000;

    private static JsonNode convert(Node n, Map<Node, JsonNode> seen, int depth, boolean yaml11) {
        return new Expansion(seen, yaml11).convert(n, depth);
    }

    /** One document's conversion: aliases reuse converted nodes, every copy counted against the budget. */
    private static final class Expansion {
        private final Map<Node, JsonNode> seen;
        private final Map<Node, Long> sizes = new IdentityHashMap<>();
        private final boolean yaml11;
        private long remaining = MAX_NODES;

        Expansion(Map<Node, JsonNode> seen, boolean yaml11) {
            this.seen = seen;
            this.yaml11 = yaml11;
        }

        private void spend(long nodes) {
            remaining -= nodes;
            if (remaining < 0) {
                throw new KustomizeException("document expands to more than " + MAX_NODES
                        + " nodes (aliases expanding into too much data)");
            }
        }

        JsonNode convert(Node n, int depth) {
            if (depth > 200) {
                throw new KustomizeException("YAML nested too deeply");
            }
            JsonNode cached = seen.get(n);
            if (cached != null) {
                spend(sizes.getOrDefault(n, 1L));
                return cached.deepCopy();
            }
            long before = remaining;
            spend(1);
            JsonNode result;
            if (n.getNodeId() == NodeId.mapping) {
                ObjectNode o = Json.F.objectNode();
                for (NodeTuple t : ((MappingNode) n).getValue()) {
                    JsonNode k = convert(t.getKeyNode(), depth + 1);
                    if (k.isContainerNode()) {
                        throw new KustomizeException("unsupported non-scalar mapping key at line " + (t.getKeyNode().getStartMark().getLine() + 1));
                    }
                    String key = k.isNull() ? "null" : k.asText();
                    if (o.has(key)) {
                        throw new KustomizeException("duplicate key '" + key + "' at line "
                                + (t.getKeyNode().getStartMark().getLine() + 1));
                    }
                    o.set(key, convert(t.getValueNode(), depth + 1));
                }
                result = o;
            } else if (n.getNodeId() == NodeId.sequence) {
                ArrayNode a = Json.F.arrayNode();
                for (Node item : ((SequenceNode) n).getValue()) {
                    a.add(convert(item, depth + 1));
                }
                result = a;
            } else {
                result = scalar((ScalarNode) n, yaml11);
            }
            seen.put(n, result);
            sizes.put(n, before - remaining);
            return result;
        }
    }

    private static JsonNode scalar(ScalarNode s, boolean yaml11) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(PLAIN)) {
            if (yaml11 && YAML11_TRUE.contains(v)) {
                return Json.F.booleanNode(true);
            }
            if (yaml11 && YAML11_FALSE.contains(v)) {
                return Json.F.booleanNode(false);
            }
            return resolvePlain(v);
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL)) {
            JsonNode r = resolvePlain(v);
            return r.isTextual() ? Json.F.textNode(v) : r;
        }
        return Json.F.textNode(v);
    }

    /** go-yaml v3's resolution of an untagged plain scalar. */
    static JsonNode resolvePlain(String v) {
        switch (v) {
            case "", "~", "null", "Null", "NULL":
                return Json.F.nullNode();
            case "true", "True", "TRUE":
                return Json.F.booleanNode(true);
            case "false", "False", "FALSE":
                return Json.F.booleanNode(false);
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Json.F.numberNode(Double.POSITIVE_INFINITY);
            case "-.inf", "-.Inf", "-.INF":
                return Json.F.numberNode(Double.NEGATIVE_INFINITY);
            case ".nan", ".NaN", ".NAN":
                return Json.F.numberNode(Double.NaN);
            default:
                break;
        }
        char c = v.charAt(0);
        if (c == '.' && YAML_FLOAT.matcher(v).matches()) {
            return Json.F.numberNode(Double.parseDouble(v));
        }
        if (!(c == '+' || c == '-' || (c >= '0' && c <= '9'))) {
            return Json.F.textNode(v);
        }
        String ts = Timestamps.rfc3339(v);
        if (ts != null) {
            return Json.F.textNode(ts);
        }
        String plain = v.replace("_", "");
        BigInteger i = parseGoInt(plain);
        if (i != null) {
            return i.bitLength() < 64 ? Json.F.numberNode(i.longValue()) : Json.F.numberNode(i);
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            double d = Double.parseDouble(plain);
            if (!Double.isInfinite(d)) {
                return Json.F.numberNode(d);
            }
        }
        return Json.F.textNode(v);
    }

    /** strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b prefixes; leading 0 = octal), 64 bits. */
    private static BigInteger parseGoInt(String s) {
        String body = s;
        boolean neg = false;
        if (body.startsWith("+") || body.startsWith("-")) {
            neg = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            radix = p == 'x' ? 16 : p == 'b' ? 2 : 8;
            body = body.substring(p == 'x' || p == 'b' || p == 'o' ? 2 : 1);
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (neg) {
            v = v.negate();
        }
        boolean fits = v.bitLength() < 64 || (!neg && v.bitLength() <= 64);
        return fits ? v : null;
    }

    /** Leaves plain scalars untyped (we type them); quoted scalars are strings. */
    private static final class PlainResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit) {
                return PLAIN;
            }
            return super.resolve(kind, value, implicit);
        }
    }
}
