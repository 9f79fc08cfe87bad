package dev.sluice.api;

/** How bad a {@link Diagnostic} is: errors reject the input, warnings only inform. */
public enum Severity {
    ERROR,
    WARNING
}
