package dev.sluice.api.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The URL rules of {@code spec.url}. */
final class GitRepositoryUrls {

    private static final Set<String> SCHEMES = Set.of("http", "https", "ssh", "file");
    /** {@code git@github.com:org/repo.git}: a user, a host, a colon, then no {@code //}. */
    private static final Pattern SCP = Pattern.compile("(?:([^@/:\\s]+)@)?([^@/:\\s]+):(?!//)(.+)");

    private GitRepositoryUrls() {
    }

    /** The URL, or "" after adding an error to {@code problems}. */
    static String validate(JsonNode n, FieldPath at, List<Diagnostic> problems) {
        if (!n.isTextual() || n.asText().isBlank()) {
            problems.add(Diagnostic.error(at, "required: the repository URL, e.g. https://github.com/org/repo"
                    + " or ssh://git@github.com/org/repo"));
            return "";
        }
        String url = n.asText().strip();
        Matcher scp = SCP.matcher(url);
        if (!url.contains("://") && scp.matches()) {
            String user = scp.group(1) == null ? "" : scp.group(1) + "@";
            problems.add(Diagnostic.error(at, "'" + url + "' is an scp-like address, which Flux does not accept;"
                    + " write it as 'ssh://" + user + scp.group(2) + "/" + scp.group(3) + "'"));
            return "";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add(Diagnostic.error(at, "'" + url + "' is not a URL: " + e.getReason()));
            return "";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            problems.add(Diagnostic.error(at, "'" + url + "' has " + (scheme.isEmpty() ? "no scheme" : "scheme '" + scheme + "'")
                    + "; expected an https://, http://, ssh:// or (embedded mode) file:// URL"));
            return "";
        }
        if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
            problems.add(Diagnostic.error(at, "'" + url + "' has no host"));
            return "";
        }
        return url;
    }
}
