package dev.sluice.cluster.reconcile;

import dev.sluice.api.KubeObject;
import java.util.List;

/**
 * Which changes of a watched object matter: an event whose object has the same fingerprint as the
 * last one seen enqueues nothing. Like controller-runtime's predicates, it keeps a reconciler's own
 * status writes from waking it again. Implementations must be pure.
 */
@FunctionalInterface
public interface Fingerprint {

    /** Flux's "reconcile now" annotation ({@code flux reconcile} sets it to a timestamp). */
    String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

    /** A value whose equality says "nothing relevant changed". */
    Object of(KubeObject object);

    /**
     * Flux's predicates for the kind a reconciler owns: a new generation (a spec change), the start of
     * deletion, or a new {@value #REQUESTED_AT} annotation. Status-only changes do not count.
     */
    Fingerprint GENERATION_OR_REQUEST = o -> List.of(o.generation(), o.isDeleting(), o.annotation(REQUESTED_AT).orElse(""));

    /** Every stored change, status included (a new resourceVersion; the whole object when there is none). */
    Fingerprint ANY_CHANGE = o -> o.resourceVersion().isEmpty() ? o : o.resourceVersion();
}
