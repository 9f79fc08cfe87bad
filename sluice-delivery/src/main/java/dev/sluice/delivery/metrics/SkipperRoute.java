package dev.sluice.delivery.metrics;

import java.util.regex.Pattern;

/** Flagger's Skipper route pattern: the canary route's name built from regex-safe names. */
final class SkipperRoute {

    static final String PATTERN = "{{- $route := printf \"kube(ew)?_%s__%s_canary__.*__%s_canary(_[0-9]+)?\" "
            + "namespace ingress service }}";
    private static final Pattern NON_WORD = Pattern.compile("\\W");

    private SkipperRoute() {
    }

    static QueryVariables encode(QueryVariables v) {
        return new QueryVariables(word(v.name()), word(v.namespace()), word(v.target()), word(v.service()),
                word(v.ingress()), v.route(), v.interval(), v.variables());
    }

    private static String word(String s) {
        return NON_WORD.matcher(s).replaceAll("_");
    }
}
