package dev.sluice.kubernetes;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps the API server's failures to {@link ClusterException}s with messages a user can act on. Pure. */
final class Errors {

    private static final Pattern SEGMENT = Pattern.compile("([^\\[]*)((\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private Errors() {
    }

    /**
     * @param verb what was attempted, e.g. "apply", "update status of"
     * @param key  the object concerned, or null for list and watch
     */
    static ClusterException map(String verb, ObjectKey key, KubernetesClientException e) {
        Status status = e.getStatus();
        int code = e.getCode();
        String serverReason = status == null || status.getReason() == null ? "" : status.getReason();
        String message = status != null && status.getMessage() != null && !status.getMessage().isBlank()
                ? status.getMessage() : rootMessage(e);
        Reason reason = reasonOf(code, serverReason, status);
        if (code == 409 && verb.equals("create")) {
            reason = Reason.ALREADY_EXISTS; // a create has no version to conflict with, whatever the reason says
        }
        String what = verb + (key == null ? "" : " " + key);
        String text = switch (reason) {
            case CONFLICT -> what + ": conflict: " + message;
            case EXPIRED -> what + ": resourceVersion too old (410 Gone): " + message;
            case UNAVAILABLE -> code <= 0
                    ? what + ": the API server cannot be reached: " + message
                    : what + ": the API server answered " + code + describe(serverReason) + ": " + message;
            default -> what + ": " + message + " (" + code + describe(serverReason) + ")";
        };
        return new ClusterException(reason, key, text, diagnostics(status), e);
    }

    static Reason reasonOf(int code, String serverReason, Status status) {
        return switch (code) {
            case 404 -> isMissingNamespace(status) ? Reason.FORBIDDEN : Reason.NOT_FOUND;
            case 409 -> "AlreadyExists".equals(serverReason) ? Reason.ALREADY_EXISTS : Reason.CONFLICT;
            case 410 -> Reason.EXPIRED;
            case 400, 422 -> Reason.INVALID;
            case 401, 403 -> Reason.FORBIDDEN;
            default -> Reason.UNAVAILABLE;
        };
    }

    /** Creating in a namespace that does not exist is 404 about the namespace, not the object. */
    private static boolean isMissingNamespace(Status status) {
        return status != null && status.getDetails() != null && "namespaces".equals(status.getDetails().getKind());
    }

    private static List<Diagnostic> diagnostics(Status status) {
        List<Diagnostic> out = new ArrayList<>();
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return out;
        }
        for (StatusCause c : status.getDetails().getCauses()) {
            FieldPath path = c.getField() == null ? FieldPath.root() : fieldPath(c.getField());
            out.add(Diagnostic.error(path, c.getMessage() == null ? String.valueOf(c.getReason()) : c.getMessage()));
        }
        return out;
    }

    /** {@code spec.containers[0].image} as the API server writes it. */
    static FieldPath fieldPath(String field) {
        FieldPath p = FieldPath.root();
        for (String part : field.split("\\.")) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches() || m.group(1).isEmpty()) {
                p = part.isEmpty() ? p : p.child(part);
                continue;
            }
            p = p.child(m.group(1));
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                p = p.index(Integer.parseInt(idx.group(1)));
            }
        }
        return p;
    }

    private static String describe(String serverReason) {
        return serverReason.isEmpty() ? "" : " " + serverReason;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
