package dev.sluice.api.validation;

import dev.sluice.api.GroupKind;
import dev.sluice.api.validation.schemas.CanarySchema;
import dev.sluice.api.validation.schemas.FlaggerSchemas;
import dev.sluice.api.validation.schemas.GitRepositorySchema;
import dev.sluice.api.validation.schemas.HelmChartSchema;
import dev.sluice.api.validation.schemas.HelmReleaseSchema;
import dev.sluice.api.validation.schemas.HelmRepositorySchema;
import dev.sluice.api.validation.schemas.KustomizationSchema;
import dev.sluice.api.validation.schemas.KustomizeFileSchemas;
import dev.sluice.api.validation.schemas.NotificationSchemas;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schemas of every kind of the compatibility contract (DESIGN.md), by group and kind. Immutable. */
public final class KindSchemas {

    private final Map<GroupKind, KindSchema> byKind;
    private final List<KindSchema> ordered;

    private KindSchemas(List<KindSchema> schemas) {
        Map<GroupKind, KindSchema> m = new LinkedHashMap<>();
        for (KindSchema s : schemas) {
            if (m.put(s.groupKind(), s) != null) {
                throw new IllegalArgumentException("two schemas for " + s.groupKind());
            }
        }
        this.byKind = Map.copyOf(m);
        this.ordered = List.copyOf(schemas);
    }

    /** The schemas Sluice ships: Flux, Flagger and kustomize's file kinds. */
    public static KindSchemas builtIn() {
        return new KindSchemas(List.of(
                GitRepositorySchema.get(),
                HelmRepositorySchema.get(),
                HelmChartSchema.get(),
                KustomizationSchema.get(),
                HelmReleaseSchema.get(),
                NotificationSchemas.receiver(),
                NotificationSchemas.provider(),
                NotificationSchemas.alert(),
                CanarySchema.get(),
                FlaggerSchemas.metricTemplate(),
                FlaggerSchemas.alertProvider(),
                KustomizeFileSchemas.kustomization(),
                KustomizeFileSchemas.component()));
    }

    public static KindSchemas of(List<KindSchema> schemas) {
        return new KindSchemas(schemas);
    }

    public Optional<KindSchema> find(GroupKind gk) {
        return Optional.ofNullable(byKind.get(gk));
    }

    /** Every schema, in a stable order (sources, appliers, notifications, Flagger, kustomize files). */
    public Collection<KindSchema> all() {
        return ordered;
    }

    /** The kinds of a group, e.g. to suggest {@code Kustomization} for a misspelt kind. */
    public List<String> kindsInGroup(String group) {
        return ordered.stream().filter(s -> s.groupKind().group().equals(group)).map(KindSchema::kind).toList();
    }

    public boolean knowsGroup(String group) {
        return ordered.stream().anyMatch(s -> s.groupKind().group().equals(group));
    }
}
