package dev.sluice.server.api;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import java.util.Optional;

/**
 * A request path in the Kubernetes layout: {@code /api/v1/namespaces/NS/services/NAME} or
 * {@code /apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME[/status]]}. Keeping the Kubernetes layout
 * makes the embedded API familiar and lets it grow towards what kubectl expects.
 *
 * @param namespace   "" for all namespaces or cluster-scoped kinds
 * @param name        "" for a collection
 * @param subresource "" or "status"
 */
public record ApiPath(ResourceType type, String version, String namespace, String name, String subresource) {

    public GroupKind groupKind() {
        return type.groupKind();
    }

    public boolean isCollection() {
        return name.isEmpty();
    }

    /** The path of a collection or object, the inverse of {@link #parse}. */
    public static String of(ResourceType type, String namespace, String name, String subresource) {
        StringBuilder b = new StringBuilder(type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/");
        b.append(type.versions().get(0));
        if (!namespace.isEmpty()) {
            b.append("/namespaces/").append(namespace);
        }
        b.append('/').append(type.plural());
        if (!name.isEmpty()) {
            b.append('/').append(name);
        }
        if (!subresource.isEmpty()) {
            b.append('/').append(subresource);
        }
        return b.toString();
    }

    /** Parses a path; empty when it is not a resource path or names no known kind. */
    public static Optional<ApiPath> parse(String path, ResourceTypes types) {
        String[] p = path.replaceAll("/+$", "").split("/");
        // p[0] is "" (leading slash).
        int i;
        String group;
        String version;
        if (p.length >= 3 && p[1].equals("api")) {
            group = "";
            version = p[2];
            i = 3;
        } else if (p.length >= 4 && p[1].equals("apis")) {
            group = p[2];
            version = p[3];
            i = 4;
        } else {
            return Optional.empty();
        }
        String namespace = "";
        if (p.length > i + 1 && p[i].equals("namespaces") && p.length > i + 2) {
            namespace = p[i + 1];
            i += 2;
        }
        if (p.length <= i) {
            return Optional.empty();
        }
        Optional<ResourceType> type = types.byPlural(group, p[i]);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String name = p.length > i + 1 ? p[i + 1] : "";
        String sub = p.length > i + 2 ? p[i + 2] : "";
        if (p.length > i + 3) {
            return Optional.empty();
        }
        return Optional.of(new ApiPath(type.get(), version, namespace, name, sub));
    }
}
