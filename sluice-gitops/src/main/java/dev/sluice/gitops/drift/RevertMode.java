package dev.sluice.gitops.drift;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether and how a failed canary's revert is written back to Git, from the annotation
 * {@code sluice.dev/revert-on-failure} on the Canary (wins) or on its GitRepository. Annotations
 * keep both objects valid Flux and Flagger YAML.
 */
public enum RevertMode {
    /** Report the drift only (the default). */
    OFF,
    /** Push the revert to a new branch {@code sluice/revert/<ns>-<canary>-<shortsha>} for review. */
    BRANCH,
    /** Push the revert to the branch the GitRepository tracks. */
    DIRECT;

    public static final String ANNOTATION = "sluice.dev/revert-on-failure";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode for a Canary: its own annotation, else its GitRepository's, else {@link #OFF}.
     *
     * @throws InvalidInputException naming the object, the annotation, the value and the expected values
     */
    public static RevertMode of(KubeObject canary, Optional<KubeObject> gitRepository) {
        Optional<RevertMode> own = read(canary);
        if (own.isPresent()) {
            return own.get();
        }
        return gitRepository.flatMap(RevertMode::read).orElse(OFF);
    }

    /** Parses a mode as users write it ({@code branch}, {@code direct}, {@code off}). */
    public static Optional<RevertMode> parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "branch" -> Optional.of(BRANCH);
            case "direct" -> Optional.of(DIRECT);
            case "off", "none", "disabled", "false" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }

    private static Optional<RevertMode> read(KubeObject o) {
        Optional<String> v = o.annotation(ANNOTATION);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(v.get()).orElseThrow(() -> new InvalidInputException(Diagnostic.error(
                FieldPath.of("metadata.annotations").child(ANNOTATION),
                o.kind() + " " + o.namespace() + "/" + o.name() + ": '" + v.get()
                        + "' is not a revert mode; expected branch, direct or off"))));
    }
}
