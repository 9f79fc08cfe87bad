package dev.sluice.api.helm;

import dev.sluice.api.KubeObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Flux HelmRelease ({@code helm.toolkit.fluxcd.io/v2}): a Helm chart installed and upgraded at an
 * interval, with remediation. The naming methods follow helm-controller exactly, because changing
 * a release's name or namespace means a reinstall.
 */
public record HelmRelease(KubeObject object, HelmReleaseSpec spec, HelmReleaseStatus status) {

    /** Helm's limit on release names. */
    public static final int MAX_RELEASE_NAME = 53;
    private static final int SHORT_HASH = 12;

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }

    /**
     * {@code spec.releaseName}, or {@code [targetNamespace-]name}; names over 53 characters become
     * the first 40 characters, '-' and 12 hex digits of their SHA-256.
     */
    public String releaseName() {
        String name = !spec.releaseName().isEmpty() ? spec.releaseName()
                : spec.targetNamespace().isEmpty() ? name() : spec.targetNamespace() + "-" + name();
        return shorten(name);
    }

    static String shorten(String name) {
        if (name.length() <= MAX_RELEASE_NAME) {
            return name;
        }
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(sum);
            return name.substring(0, MAX_RELEASE_NAME - (SHORT_HASH + 1)) + "-" + hex.substring(0, SHORT_HASH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Where the chart's objects go: {@code targetNamespace}, or the HelmRelease's namespace. */
    public String releaseNamespace() {
        return spec.targetNamespace().isEmpty() ? namespace() : spec.targetNamespace();
    }

    /** Where Helm keeps the release secrets: {@code storageNamespace}, or the HelmRelease's namespace. */
    public String storageNamespace() {
        return spec.storageNamespace().isEmpty() ? namespace() : spec.storageNamespace();
    }

    /** The HelmChart created for {@code spec.chart}: {@code <namespace>-<name>}. */
    public String helmChartName() {
        return namespace() + "-" + name();
    }
}
