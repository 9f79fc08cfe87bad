package dev.sluice.api;

import dev.sluice.api.helm.HelmReleaseModel;
import dev.sluice.api.kustomize.KustomizationModel;
import dev.sluice.api.notification.AlertModel;
import dev.sluice.api.notification.ProviderModel;
import dev.sluice.api.notification.ReceiverModel;
import dev.sluice.api.source.HelmChartModel;
import dev.sluice.api.source.HelmRepositoryModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed models of the contract's kinds, by group and kind. Immutable and thread-safe; build
 * it once in the composition root with {@link #builtIn()} and pass it on.
 */
public final class KindModels {

    private final Map<GroupKind, KindModel<?>> byKind;

    private KindModels(List<KindModel<?>> models) {
        Map<GroupKind, KindModel<?>> m = new LinkedHashMap<>();
        for (KindModel<?> model : models) {
            if (m.put(model.groupKind(), model) != null) {
                throw new IllegalArgumentException("two models for " + model.groupKind());
            }
        }
        this.byKind = m;
    }

    /** Every model Sluice ships. */
    public static KindModels builtIn() {
        List<KindModel<?>> models = new ArrayList<>(List.of(
                // source.toolkit.fluxcd.io
                new dev.sluice.api.source.GitRepositoryModel(),
                new HelmRepositoryModel(),
                new HelmChartModel(),
                // kustomize.toolkit.fluxcd.io
                new KustomizationModel(),
                // helm.toolkit.fluxcd.io
                new HelmReleaseModel(),
                // notification.toolkit.fluxcd.io
                new ReceiverModel(),
                new ProviderModel(),
                new AlertModel(),
                // flagger.app
                new dev.sluice.api.flagger.CanaryKindModel(),
                new dev.sluice.api.flagger.MetricTemplateKindModel(),
                new dev.sluice.api.flagger.AlertProviderKindModel()));
        return new KindModels(models);
    }

    /** A registry of exactly these models (for tests, or to add models built elsewhere). */
    public static KindModels of(List<KindModel<?>> models) {
        return new KindModels(models);
    }

    /** This registry plus {@code model} (replacing one of the same kind). */
    public KindModels with(KindModel<?> model) {
        Map<GroupKind, KindModel<?>> m = new LinkedHashMap<>(byKind);
        m.put(model.groupKind(), model);
        return new KindModels(List.copyOf(m.values()));
    }

    public Optional<KindModel<?>> find(GroupKind gk) {
        return Optional.ofNullable(byKind.get(gk));
    }

    /**
     * The model of a kind, typed.
     *
     * @throws IllegalArgumentException when there is none, or it parses into another type
     */
    @SuppressWarnings("unchecked")
    public <T> KindModel<T> get(GroupKind gk, Class<T> type) {
        KindModel<?> model = byKind.get(gk);
        if (model == null) {
            throw new IllegalArgumentException("no model for " + gk);
        }
        java.lang.reflect.Type[] generic = model.getClass().getGenericInterfaces();
        for (java.lang.reflect.Type t : generic) {
            if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() == KindModel.class
                    && p.getActualTypeArguments()[0] != type) {
                throw new IllegalArgumentException(gk + " parses into " + p.getActualTypeArguments()[0].getTypeName()
                        + ", not " + type.getName());
            }
        }
        return (KindModel<T>) model;
    }

    public Collection<GroupKind> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /**
     * {@code object} in its kind's newest version; objects of kinds without a model are returned as
     * they are.
     *
     * @throws InvalidInputException when the kind has a model and the version is not read
     */
    public KubeObject toLatest(KubeObject object) {
        KindModel<?> model = byKind.get(object.groupKind());
        return model == null ? object : model.toLatest(object);
    }

    /**
     * Converts and parses {@code object} with its kind's model.
     *
     * @return empty when the kind has no model
     * @throws InvalidInputException with every error found
     */
    public Optional<KindModel.Parsed<?>> parse(KubeObject object) {
        KindModel<?> model = byKind.get(object.groupKind());
        if (model == null) {
            return Optional.empty();
        }
        return Optional.of(model.parse(model.toLatest(object)));
    }
}
