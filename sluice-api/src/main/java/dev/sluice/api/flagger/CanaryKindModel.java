package dev.sluice.api.flagger;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceTypes;
import java.util.List;

/**
 * The typed model of {@code flagger.app/v1beta1} Canary: parses spec and status with Flagger's
 * defaults and checks every semantic rule (structural schemas live in {@code dev.sluice.api.validation}).
 * Stateless and thread-safe.
 */
public final class CanaryKindModel implements KindModel<Canary> {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.FLAGGER, "Canary");
    public static final String API_VERSION = "flagger.app/v1beta1";

    @Override
    public GroupKind groupKind() {
        return KIND;
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return FlaggerKinds.requireV1beta1(object, KIND);
    }

    @Override
    public Parsed<Canary> parse(KubeObject latest) {
        Fields f = new Fields();
        FieldPath spec = FieldPath.root().child("spec");
        CanarySpec parsed = CanaryReader.read(latest.spec(), spec, f);
        if (f.hasErrors()) {
            throw new InvalidInputException(f.diagnostics().stream().filter(Diagnostic::isError).toList());
        }
        Canary canary = new Canary(latest.name(), latest.namespace(), latest.annotations(), latest.generation(), parsed,
                CanaryStatus.fromNode(latest.status()));
        List<Diagnostic> warnings = f.diagnostics();
        return new Parsed<>(canary, warnings);
    }
}
