package dev.sluice.gitops.source;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The references a remote advertises (what {@code git ls-remote} prints), each mapped to the commit
 * it finally points at (annotated tags peeled when the server says so).
 *
 * @param head the reference HEAD points at (e.g. {@code refs/heads/main}), or "" if unknown
 */
public record RemoteRefs(Map<String, String> refs, String head) {

    public RemoteRefs {
        refs = java.util.Collections.unmodifiableMap(new TreeMap<>(refs));
        head = head == null ? "" : head;
    }

    public Optional<String> commit(String fullName) {
        return Optional.ofNullable(refs.get(fullName));
    }
}
