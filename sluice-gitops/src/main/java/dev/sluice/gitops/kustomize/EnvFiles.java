package dev.sluice.gitops.kustomize;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses kustomize env files: KEY=VALUE lines, comments and blank lines skipped. */
final class EnvFiles {

    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private EnvFiles() {}

    static Map<String, String> parse(byte[] content, Path file) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> out = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNo++;
            String line = raw.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (!ENV_NAME.matcher(key).matches()) {
                throw new KustomizeException("invalid env file " + file + " line " + lineNo + ": '" + key
                        + "' is not a valid environment variable name");
            }
            if (out.containsKey(key)) {
                throw new KustomizeException("env file " + file + " repeats the key '" + key + "' at line " + lineNo);
            }
            out.put(key, eq < 0 ? "" : line.substring(eq + 1));
        }
        return out;
    }
}
