package dev.sluice.api;

import java.util.List;
import java.util.stream.Collectors;

/** Input a user gave us is not acceptable; the diagnostics say exactly where and why. */
public class InvalidInputException extends RuntimeException {

    private final List<Diagnostic> diagnostics;

    public InvalidInputException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("; ")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public InvalidInputException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
