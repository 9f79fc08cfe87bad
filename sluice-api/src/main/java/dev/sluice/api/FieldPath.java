package dev.sluice.api;

/**
 * An immutable path to a field, printed as users write it: {@code spec.analysis.metrics[0].name},
 * with keys that are not plain identifiers in brackets: {@code metadata.annotations[fluxcd.io/x]}.
 */
public final class FieldPath {

    private static final FieldPath ROOT = new FieldPath(null, "");
    /** Keys printed without brackets; compiled once, as paths are built for every validated field. */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    private final FieldPath parent;
    private final String segment;

    private FieldPath(FieldPath parent, String segment) {
        this.parent = parent;
        this.segment = segment;
    }

    public static FieldPath root() {
        return ROOT;
    }

    /** Parses a dotted path such as {@code spec.analysis.stepWeight} (no index or bracket syntax). */
    public static FieldPath of(String dotted) {
        FieldPath p = ROOT;
        for (String part : dotted.split("\\.")) {
            if (!part.isEmpty()) {
                p = p.child(part);
            }
        }
        return p;
    }

    public FieldPath child(String key) {
        boolean plain = PLAIN.matcher(key).matches();
        return new FieldPath(this, plain ? (this == ROOT ? key : "." + key) : "[" + key + "]");
    }

    public FieldPath index(int i) {
        return new FieldPath(this, "[" + i + "]");
    }

    public boolean isRoot() {
        return this == ROOT;
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        return parent + segment;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath f && f.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
