package dev.sluice.api.validation;

import dev.sluice.api.Diagnostic;
import java.util.List;

/**
 * What {@link Validator} found.
 *
 * @param diagnostics errors and warnings, in file, document and field order
 * @param files       the files read
 * @param objects     the YAML documents checked
 */
public record ValidationReport(List<Diagnostic> diagnostics, int files, int objects) {

    public ValidationReport {
        diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** {@code 12 objects in 5 files: 1 error, 2 warnings}. */
    public String summary() {
        int e = errors().size();
        int w = warnings().size();
        return plural(objects, "object") + " in " + plural(files, "file") + ": " + plural(e, "error") + ", "
                + plural(w, "warning");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
