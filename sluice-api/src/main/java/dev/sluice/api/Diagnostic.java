package dev.sluice.api;

/**
 * One finding about user input, precise enough to fix it without guessing:
 * {@code faces-canary.yaml[0] spec.analysis.stepWeight: 70 must be <= maxWeight (50)}.
 *
 * @param severity error or warning
 * @param source   the file (or another name for where the input came from), may be empty
 * @param document the 0-based index of the YAML document in that file, or -1 when not applicable
 * @param line     the 1-based line where the document or field starts, or 0 when unknown
 * @param path     the field path inside the document, may be the root
 * @param message  what is wrong, including the offending value and what was expected
 */
public record Diagnostic(Severity severity, String source, int document, int line, FieldPath path, String message) {

    public static Diagnostic error(FieldPath path, String message) {
        return new Diagnostic(Severity.ERROR, "", -1, 0, path, message);
    }

    public static Diagnostic warning(FieldPath path, String message) {
        return new Diagnostic(Severity.WARNING, "", -1, 0, path, message);
    }

    /** The same finding located in a file and document. */
    public Diagnostic at(String source, int document, int line) {
        return new Diagnostic(severity, source, document, line, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!source.isEmpty()) {
            b.append(source);
            if (document >= 0) {
                b.append('[').append(document).append(']');
            }
            b.append(' ');
        }
        if (!path.isRoot()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
