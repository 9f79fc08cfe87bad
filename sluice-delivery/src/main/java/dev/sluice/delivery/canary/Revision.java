package dev.sluice.delivery.canary;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the target currently runs: the hash of its pod template and the checksums of the ConfigMaps
 * and Secrets it references (keys {@code configmap/<name>}, {@code secret/<name>}; empty when config
 * tracking is off). Compared with {@code lastAppliedSpec}, {@code lastPromotedSpec} and
 * {@code trackedConfigs} to detect a new revision.
 */
public record Revision(String templateHash, Map<String, String> configs) {

    public Revision {
        configs = java.util.Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    public static Revision of(String templateHash) {
        return new Revision(templateHash, Map.of());
    }

    /** Flagger's HasConfigChanged: a different set of configs, or any changed checksum. */
    public boolean configsDifferFrom(Map<String, String> tracked) {
        if (configs.isEmpty() && tracked.isEmpty()) {
            return false;
        }
        return !configs.equals(tracked);
    }
}
