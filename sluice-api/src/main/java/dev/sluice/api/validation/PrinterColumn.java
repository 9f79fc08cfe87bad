package dev.sluice.api.validation;

/**
 * A column {@code kubectl get} shows for a kind ({@code additionalPrinterColumns}).
 *
 * @param type     OpenAPI type of the value: string, integer, number, boolean or date
 * @param priority 0 for the default view, 1 for {@code -o wide} only
 */
public record PrinterColumn(String name, String type, String jsonPath, int priority) {

    public static final PrinterColumn AGE = new PrinterColumn("Age", "date", ".metadata.creationTimestamp", 0);
    public static final PrinterColumn READY =
            new PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", 0);
    public static final PrinterColumn STATUS =
            new PrinterColumn("Status", "string", ".status.conditions[?(@.type==\"Ready\")].message", 0);

    public static PrinterColumn of(String name, String type, String jsonPath) {
        return new PrinterColumn(name, type, jsonPath, 0);
    }

    public static PrinterColumn wide(String name, String type, String jsonPath) {
        return new PrinterColumn(name, type, jsonPath, 1);
    }
}
