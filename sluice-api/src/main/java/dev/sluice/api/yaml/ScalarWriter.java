package dev.sluice.api.yaml;

/**
 * Writes one scalar in a chosen style the way libyaml does: plain and quoted scalars fold at a
 * space once the line passes 80 columns; literal blocks get indentation and chomping hints.
 */
final class ScalarWriter {

    private final YamlEmitter e;
    private final boolean allowBreaks;

    ScalarWriter(YamlEmitter e, boolean allowBreaks) {
        this.e = e;
        this.allowBreaks = allowBreaks;
    }

    void plain(String value) {
        if (!e.whitespace()) {
            e.put(' ');
        }
        int[] cps = value.codePoints().toArray();
        boolean spaces = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                if (allowBreaks && !spaces && e.column() > e.bestWidth() && !isSpaceAt(cps, i + 1)) {
                    e.writeIndent();
                } else {
                    e.putCodePoint(c);
                }
                spaces = true;
            } else {
                e.putCodePoint(c);
                e.setIndention(false);
                spaces = false;
            }
        }
        e.setWhitespace(false);
        e.setIndention(false);
    }

    void singleQuoted(String value) {
        e.writeIndicator("'", true, false, false);
        int[] cps = value.codePoints().toArray();
        boolean spaces = false;
        boolean breaks = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                if (allowBreaks
                        && !spaces
                        && e.column() > e.bestWidth()
                        && i > 0
                        && i < cps.length - 1
                        && !isSpaceAt(cps, i + 1)) {
                    e.writeIndent();
                } else {
                    e.putCodePoint(c);
                }
                spaces = true;
            } else if (ScalarAnalysis.isBreak(c)) {
                if (!breaks && c == '\n') {
                    e.putBreak();
                }
                writeBreak(c);
                e.setIndention(true);
                breaks = true;
            } else {
                if (breaks) {
                    e.writeIndent();
                }
                if (c == '\'') {
                    e.put('\'');
                }
                e.putCodePoint(c);
                e.setIndention(false);
                spaces = false;
                breaks = false;
            }
        }
        e.writeIndicator("'", false, false, false);
        e.setWhitespace(false);
        e.setIndention(false);
    }

    void doubleQuoted(String value) {
        e.writeIndicator("\"", true, false, false);
        int[] cps = value.codePoints().toArray();
        boolean spaces = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!ScalarAnalysis.isPrintable(c)
                    || c == 0xFEFF
                    || ScalarAnalysis.isBreak(c)
                    || c == '"'
                    || c == '\\') {
                e.put('\\');
                escape(c);
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && e.column() > e.bestWidth() && i > 0 && i < cps.length - 1) {
                    e.writeIndent();
                    if (isSpaceAt(cps, i + 1)) {
                        e.put('\\');
                    }
                } else {
                    e.putCodePoint(c);
                }
                spaces = true;
            } else {
                e.putCodePoint(c);
                spaces = false;
            }
        }
        e.writeIndicator("\"", false, false, false);
        e.setWhitespace(false);
        e.setIndention(false);
    }

    private void escape(int v) {
        switch (v) {
            case 0x00 -> e.put('0');
            case 0x07 -> e.put('a');
            case 0x08 -> e.put('b');
            case 0x09 -> e.put('t');
            case 0x0A -> e.put('n');
            case 0x0B -> e.put('v');
            case 0x0C -> e.put('f');
            case 0x0D -> e.put('r');
            case 0x1B -> e.put('e');
            case 0x22 -> e.put('"');
            case 0x5C -> e.put('\\');
            case 0x85 -> e.put('N');
            case 0xA0 -> e.put('_');
            case 0x2028 -> e.put('L');
            case 0x2029 -> e.put('P');
            default -> {
                int width;
                if (v <= 0xFF) {
                    e.put('x');
                    width = 2;
                } else if (v <= 0xFFFF) {
                    e.put('u');
                    width = 4;
                } else {
                    e.put('U');
                    width = 8;
                }
                for (int k = (width - 1) * 4; k >= 0; k -= 4) {
                    int digit = (v >> k) & 0x0F;
                    e.put((char) (digit < 10 ? '0' + digit : 'A' + digit - 10));
                }
            }
        }
    }

    void literal(String value) {
        e.writeIndicator("|", true, false, false);
        int[] cps = value.codePoints().toArray();
        if (cps.length > 0 && (cps[0] == ' ' || ScalarAnalysis.isBreak(cps[0]))) {
            e.writeIndicator(String.valueOf(e.bestIndent()), false, false, false);
        }
        String chomp = chompHint(cps);
        if (chomp != null) {
            e.writeIndicator(chomp, false, false, false);
        }
        e.putBreak();
        e.setIndention(true);
        e.setWhitespace(true);
        boolean breaks = true;
        for (int c : cps) {
            if (ScalarAnalysis.isBreak(c)) {
                writeBreak(c);
                e.setIndention(true);
                breaks = true;
            } else {
                if (breaks) {
                    e.writeIndent();
                }
                e.putCodePoint(c);
                e.setIndention(false);
                breaks = false;
            }
        }
    }

    private static String chompHint(int[] cps) {
        if (cps.length == 0) {
            return "-";
        }
        int last = cps.length - 1;
        if (!ScalarAnalysis.isBreak(cps[last])) {
            return "-";
        }
        if (last == 0 || ScalarAnalysis.isBreak(cps[last - 1])) {
            return "+";
        }
        return null;
    }

    private void writeBreak(int c) {
        if (c == '\n') {
            e.putBreak();
        } else {
            e.putCodePoint(c);
            e.putBreakColumnOnly();
        }
    }

    private static boolean isSpaceAt(int[] cps, int i) {
        return i < cps.length && cps[i] == ' ';
    }
}
