/**
 * A kustomize engine in Java: {@code kustomize build DIR} semantics and byte-equal output of
 * kustomize v5.5, without the binary. Entry point: {@link dev.sluice.gitops.kustomize.Kustomizer}.
 *
 * <h2>Pipeline</h2>
 * Per kustomization, in kustomize's order ({@code KustTarget}): resources (files, directories,
 * nested kustomizations), {@code openapi}, {@code configurations} and {@code crds}, generators ({@code
 * Generators}), components, then the transformers ({@code Transformers}): patchesStrategicMerge,
 * patches, namespace, namePrefix/nameSuffix, labels and commonLabels, commonAnnotations,
 * patchesJson6902, replicas, images, replacements, then the {@code transformers} field's built-in transformer
 * configurations ({@code ConfiguredTransformers}). Once for the whole build: hash suffixes ({@code NameHash}),
 * name references ({@code NameReferences}), local-config removal, legacy sort ({@code
 * LegacyOrder}); the deprecated {@code vars} ({@code Vars}) are bound per kustomization and
 * expanded once at the end, after name references. Printing is {@link dev.sluice.api.yaml.YamlWriter}.
 *
 * <h2>Data</h2>
 * Merge keys, scope, name references: {@link dev.sluice.api.schema.KubeSchema}
 * ({@code kubernetes-schema.yaml}); the transformers' field specs: {@code fieldspecs.yaml} here.
 *
 * <h2>Cost</h2>
 * Linear in the number of objects and reference fields: resources are indexed by current and
 * previous ids, referral candidates by previous name (kustomize scans lists, which makes it
 * quadratic).
 *
 * <h2>Not supported (a clear error names the field)</h2>
 * {@code helmCharts}, {@code generators}, {@code validators},
 * transformer plugins (other than {@code apiVersion: builtin} configurations); remote bases are refused (never fetched). Known divergence: a container or
 * Service port patch element that sets {@code protocol} is merged by port, where kustomize drops
 * it. Replacements into structured data held in a string field (newer than v5.5) are not done.
 */
package dev.sluice.gitops.kustomize;
