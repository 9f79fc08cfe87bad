package dev.sluice.cluster.embedded;

import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the API server refuses before storing: malformed names, objects in a namespace that does not
 * exist, new objects in a terminating namespace.
 */
final class Admission {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_NAME = 253;

    void admit(Transaction tx, KubeObject o, boolean creating) {
        checkName(o);
        String ns = o.namespace();
        if (ns.isEmpty()) {
            return;
        }
        Optional<KubeObject> namespace = tx.get(new ObjectKey(Kinds.NAMESPACE, "", ns));
        if (namespace.isEmpty()) {
            throw new ClusterException(ClusterException.Reason.FORBIDDEN, o.key(), "namespace \"" + ns
                    + "\" does not exist: create the Namespace before " + o.key());
        }
        if (creating && namespace.get().isDeleting()) {
            throw new ClusterException(ClusterException.Reason.FORBIDDEN, o.key(), "unable to create " + o.key()
                    + ": namespace " + ns + " is being terminated");
        }
    }

    private static void checkName(KubeObject o) {
        String name = o.name();
        if (o.key().groupKind().equals(Kinds.NAMESPACE)) {
            if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
                throw Kinds.invalid(o.key(), FieldPath.of("metadata.name"), "'" + name
                        + "' is not a valid namespace name: expected at most 63 lowercase letters, digits and '-',"
                        + " starting and ending with a letter or digit");
            }
            return;
        }
        if (name.length() > MAX_NAME || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == '%' || Character.isWhitespace(c))) {
            throw Kinds.invalid(o.key(), FieldPath.of("metadata.name"), "'" + name
                    + "' is not a valid name: expected at most 253 characters without '/', '%' or spaces");
        }
        if (!o.namespace().isEmpty() && (o.namespace().length() > 63 || !DNS_LABEL.matcher(o.namespace()).matches())) {
            throw Kinds.invalid(o.key(), FieldPath.of("metadata.namespace"), "'" + o.namespace()
                    + "' is not a valid namespace name: expected lowercase letters, digits and '-'");
        }
    }
}
