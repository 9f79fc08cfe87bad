package dev.sluice.helm.source.oci;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A repository in an OCI registry: {@code host[:port]} and the repository name
 * ({@code charts/podinfo}), reached over HTTPS, or plain HTTP when the HelmRepository says
 * {@code insecure: true}. Immutable.
 */
public record OciReference(String host, String repository, boolean plainHttp) {

    /** The distribution spec's repository name grammar (path components of lowercase alphanumerics and separators). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    /**
     * Reads {@code oci://host[:port][/path]} (a trailing slash is dropped, as Flux normalizes it).
     *
     * @throws IllegalArgumentException saying what is wrong with the URL
     */
    public static OciReference parse(String url, boolean insecure) {
        if (url == null || !url.startsWith("oci://")) {
            throw new IllegalArgumentException("'" + url + "' is not an OCI URL; expected oci://host[:port]/path");
        }
        String rest = url.substring("oci://".length()).replaceAll("/+$", "");
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (host.isEmpty() || host.contains("@") || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("'" + url + "' has no valid registry host; expected oci://host[:port]/path");
        }
        if (!path.isEmpty() && !NAME.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + url + "': repository path '" + path
                    + "' is not a valid OCI repository name (lowercase letters, digits, '.', '_', '-' and '/')");
        }
        return new OciReference(host.toLowerCase(Locale.ROOT), path, insecure);
    }

    /** The repository {@code <this>/<name>}, e.g. a chart's repository under a HelmRepository's URL. */
    public OciReference child(String name) {
        String n = name.strip().replaceAll("^/+|/+$", "");
        String repo = repository.isEmpty() ? n : repository + "/" + n;
        if (!NAME.matcher(repo).matches()) {
            throw new IllegalArgumentException("'" + name + "' does not make a valid OCI repository name ('" + repo
                    + "'); expected lowercase letters, digits, '.', '_', '-' and '/'");
        }
        return new OciReference(host, repo, plainHttp);
    }

    /** {@code oci://host/repository}, as users write it. */
    public String url() {
        return "oci://" + host + (repository.isEmpty() ? "" : "/" + repository);
    }

    /** The registry API URL {@code <scheme>://host/v2/<repository>/<tail>}. */
    public URI api(String tail) {
        return URI.create((plainHttp ? "http" : "https") + "://" + host + "/v2/" + repository + "/" + tail);
    }

    /** The scope a pull of this repository needs, as in a Bearer token request. */
    public String pullScope() {
        return "repository:" + repository + ":pull";
    }
}
