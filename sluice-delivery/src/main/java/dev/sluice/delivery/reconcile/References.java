package dev.sluice.delivery.reconcile;

import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.api.flagger.AlertProviderKindModel;
import dev.sluice.api.flagger.CrossNamespaceRef;
import dev.sluice.cluster.Cluster;
import dev.sluice.delivery.net.SecretData;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the objects a Canary's alerts refer to: AlertProviders and their Secrets. Every failure is a
 * {@link ReferenceException} whose message names the object and the reason, as Flagger's
 * ("alert provider slack.test error: not found"). Reads only; thread-safe.
 */
final class References {

    /** A referenced object is missing or invalid. */
    static final class ReferenceException extends Exception {
        ReferenceException(String message) {
            super(message);
        }
    }

    private static final AlertProviderKindModel PROVIDERS = new AlertProviderKindModel();

    private References() {
    }

    static AlertProvider alertProvider(Cluster cluster, CrossNamespaceRef ref, String canaryNamespace)
            throws ReferenceException {
        String ns = ref.namespaceOr(canaryNamespace);
        KubeObject o = cluster.get(new ObjectKey(AlertProviderKindModel.KIND, ns, ref.name())).orElseThrow(() ->
                new ReferenceException("alert provider " + ref.name() + "." + ns + " error: not found"));
        try {
            return PROVIDERS.parse(PROVIDERS.toLatest(o)).value();
        } catch (InvalidInputException e) {
            throw new ReferenceException("alert provider " + ref.name() + "." + ns + " is invalid: " + describe(e));
        }
    }

    /** A Secret's decoded data ({@code stringData} included, as the API server merges it). */
    static Map<String, String> secret(Cluster cluster, String namespace, String name, String usedBy)
            throws ReferenceException {
        try {
            return SecretData.read(cluster, namespace, name).orElseThrow(() ->
                    new ReferenceException(usedBy + " secret " + name + "." + namespace + " error: not found"));
        } catch (IllegalArgumentException e) {
            throw new ReferenceException(usedBy + " secret " + name + "." + namespace + " error: " + e.getMessage());
        }
    }

    static String describe(InvalidInputException e) {
        return e.diagnostics().stream().map(d -> d.path() + ": " + d.message()).collect(Collectors.joining("; "));
    }
}
