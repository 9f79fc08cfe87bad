package dev.sluice.gitops.kustomization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A unified diff of two texts (JGit's histogram diff, three lines of context). Pure and thread-safe. */
public final class UnifiedDiff {

    private UnifiedDiff() {
    }

    /**
     * The {@code ---}/{@code +++} headers and the hunks turning {@code before} into {@code after};
     * "" when they are equal.
     */
    public static String of(String beforeName, String before, String afterName, String after) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(3);
            f.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return "--- " + beforeName + "\n+++ " + afterName + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
