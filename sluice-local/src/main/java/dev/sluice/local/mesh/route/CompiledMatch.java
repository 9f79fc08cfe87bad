package dev.sluice.local.mesh.route;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A {@link MatchInput} ready to test requests. Immutable and thread-safe. */
final class CompiledMatch {

    /**
     * Gateway API precedence, which also gives ingress-nginx's "longest path first": exact paths,
     * then longer paths, then a method, then more header/cookie conditions, then more query conditions.
     */
    static final Comparator<CompiledMatch> PRECEDENCE = Comparator
            .comparingInt((CompiledMatch m) -> m.pathType == PathMatch.Type.EXACT ? 0 : 1)
            .thenComparing(Comparator.comparingInt((CompiledMatch m) -> m.pathValue.length()).reversed())
            .thenComparingInt(m -> m.method == null ? 1 : 0)
            .thenComparing(Comparator.comparingInt((CompiledMatch m) -> m.headerNames.length + m.cookieNames.length).reversed())
            .thenComparing(Comparator.comparingInt((CompiledMatch m) -> m.queryNames.length).reversed());

    private final PathMatch.Type pathType;
    private final String pathValue;
    private final String prefixWithSlash;
    private final Pattern pathPattern;
    private final String method;
    private final String[] headerNames;
    private final ValueTest[] headerTests;
    private final String[] cookieNames;
    private final ValueTest[] cookieTests;
    private final String[] queryNames;
    private final ValueTest[] queryTests;

    CompiledMatch(MatchInput in) {
        PathMatch p = in.path();
        this.pathType = p.type();
        String v = p.value();
        if (p.type() == PathMatch.Type.PREFIX && v.length() > 1 && v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        this.pathValue = v;
        this.prefixWithSlash = v.equals("/") ? "/" : v + "/";
        this.pathPattern = p.type() == PathMatch.Type.REGEX ? Pattern.compile(v) : null;
        this.method = in.method() == null ? null : in.method().toUpperCase(Locale.ROOT);
        this.headerNames = names(in.headers(), true);
        this.headerTests = tests(in.headers());
        this.cookieNames = names(in.cookies(), false);
        this.cookieTests = tests(in.cookies());
        this.queryNames = names(in.queryParams(), false);
        this.queryTests = tests(in.queryParams());
    }

    boolean test(RequestView r) {
        if (!pathMatches(r.path())) {
            return false;
        }
        if (method != null && !method.equals(r.method())) {
            return false;
        }
        for (int i = 0; i < headerNames.length; i++) {
            if (!headerTests[i].test(r.header(headerNames[i]))) {
                return false;
            }
        }
        if (cookieNames.length > 0) {
            String cookieHeader = r.header("cookie");
            for (int i = 0; i < cookieNames.length; i++) {
                if (!cookieTests[i].test(RequestValues.cookie(cookieHeader, cookieNames[i]))) {
                    return false;
                }
            }
        }
        for (int i = 0; i < queryNames.length; i++) {
            if (!queryTests[i].test(RequestValues.query(r.rawQuery(), queryNames[i]))) {
                return false;
            }
        }
        return true;
    }

    private boolean pathMatches(String path) {
        return switch (pathType) {
            case EXACT -> pathValue.equals(path);
            case PREFIX -> prefixWithSlash.equals("/") || path.equals(pathValue) || path.startsWith(prefixWithSlash);
            case REGEX -> pathPattern.matcher(path).matches();
        };
    }

    private static String[] names(List<MatchInput.NamedMatch> list, boolean lowerCase) {
        return list.stream().map(m -> lowerCase ? m.name().toLowerCase(Locale.ROOT) : m.name()).toArray(String[]::new);
    }

    private static ValueTest[] tests(List<MatchInput.NamedMatch> list) {
        return list.stream().map(m -> new ValueTest(m.match())).toArray(ValueTest[]::new);
    }
}
