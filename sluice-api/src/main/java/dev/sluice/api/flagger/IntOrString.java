package dev.sluice.api.flagger;

/** A port given by number or by name, as Kubernetes' IntOrString ({@code targetPort: 8080} or {@code http}). */
public record IntOrString(int number, String name) {

    public IntOrString {
        name = name == null ? "" : name;
    }

    public static IntOrString of(int number) {
        return new IntOrString(number, "");
    }

    public static IntOrString of(String name) {
        return new IntOrString(0, name);
    }

    public boolean isNumber() {
        return name.isEmpty();
    }

    @Override
    public String toString() {
        return isNumber() ? Integer.toString(number) : name;
    }
}
