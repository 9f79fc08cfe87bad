package dev.sluice.api;

/**
 * The typed model of one kind of the compatibility contract (DESIGN.md): reads every supported
 * version, converts to the newest, and parses into a read-only record for the pure core.
 * Implementations are stateless and thread-safe.
 *
 * @param <T> the typed view, e.g. {@code Canary}
 */
public interface KindModel<T> {

    GroupKind groupKind();

    /**
     * The object in the newest version (the one Sluice writes). Fields the conversion does not know
     * are kept as they are, so nothing a user wrote is lost.
     *
     * @throws InvalidInputException when the version is not supported or cannot be converted
     */
    KubeObject toLatest(KubeObject object);

    /**
     * Parses an object of the newest version.
     *
     * @return the typed view and any warnings (e.g. unknown fields, with a did-you-mean)
     * @throws InvalidInputException listing every error with its field path, value and expectation
     */
    Parsed<T> parse(KubeObject latest);

    /** A parsed value with the warnings found on the way. */
    record Parsed<T>(T value, java.util.List<Diagnostic> warnings) {

        public Parsed {
            warnings = java.util.List.copyOf(warnings);
        }

        public static <T> Parsed<T> of(T value) {
            return new Parsed<>(value, java.util.List.of());
        }
    }
}
