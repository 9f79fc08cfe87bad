package dev.sluice.gitops.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Kubernetes label selector strings: {@code a=b, c!=d, e in (x,y), f notin (z), g, !h}. */
final class LabelSelector {

    private LabelSelector() {}

    static Predicate<Map<String, String>> parse(String s, String where) {
        List<Predicate<Map<String, String>>> reqs = new ArrayList<>();
        for (String part : splitTopLevel(s)) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            var m = java.util.regex.Pattern.compile("^([^\\s!=]+)\\s+(in|notin)\\s+\\((.*)\\)$").matcher(p);
            if (m.matches()) {
                String key = m.group(1);
                Set<String> values = new java.util.HashSet<>();
                for (String v : m.group(3).split(",")) {
                    values.add(v.trim());
                }
                boolean in = m.group(2).equals("in");
                reqs.add(l -> in ? values.contains(l.get(key)) : !values.contains(l.get(key)));
            } else if (p.contains("!=")) {
                String[] kv = p.split("!=", 2);
                reqs.add(l -> !kv[1].trim().equals(l.get(kv[0].trim())));
            } else if (p.contains("=")) {
                String[] kv = p.split("==?", 2);
                reqs.add(l -> kv[1].trim().equals(l.get(kv[0].trim())));
            } else if (p.startsWith("!")) {
                String key = p.substring(1).trim();
                reqs.add(l -> !l.containsKey(key));
            } else if (p.matches("[A-Za-z0-9_./-]+")) {
                reqs.add(l -> l.containsKey(p));
            } else {
                throw new KustomizeException("invalid selector '" + s + "' (" + where + ")");
            }
        }
        return labels -> reqs.stream().allMatch(r -> r.test(labels));
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
