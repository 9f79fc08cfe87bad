package dev.sluice.api.flagger;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;

/** Shared checks of the flagger.app kinds, which exist in one version only. */
final class FlaggerKinds {

    private FlaggerKinds() {
    }

    static KubeObject requireV1beta1(KubeObject object, GroupKind kind) {
        if (!object.groupKind().equals(kind)) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.of("kind"), "expected " + kind + ", got "
                    + object.groupKind()));
        }
        if (!"v1beta1".equals(object.version())) {
            throw new InvalidInputException(Diagnostic.error(FieldPath.of("apiVersion"), "'" + object.apiVersion()
                    + "' is not supported; expected flagger.app/v1beta1"));
        }
        return object;
    }
}
