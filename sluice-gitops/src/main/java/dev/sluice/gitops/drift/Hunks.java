package dev.sluice.gitops.drift;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * The smallest pieces of a change to one file, and their undoing on a later version of it. A
 * change from {@code base} to {@code bad} is split into line hunks without context (a replacement
 * of n lines by n lines becomes n one-line hunks), so that a commit that changed an image tag next
 * to an unrelated line can be undone for the tag alone. Undoing works on a later version
 * {@code tip} when the hunk's lines are unchanged there (other lines may have changed). Pure.
 */
final class Hunks {

    /**
     * One hunk of {@code path}: in the bad version, lines {@code [start, end)} replaced the base's
     * {@code baseLines}. A whole-file hunk adds back or removes a file.
     */
    record Hunk(String path, int start, int end, List<String> badLines, List<String> baseLines, Whole whole) {
        Hunk {
            badLines = List.copyOf(badLines);
            baseLines = List.copyOf(baseLines);
        }

        String describe() {
            return switch (whole) {
                case ADDED -> path + " (added)";
                case REMOVED -> path + " (removed)";
                case NONE -> path + ":" + (start + 1);
            };
        }
    }

    /** Whether a hunk is a whole file: ADDED means the bad version added it (undoing deletes it). */
    enum Whole { NONE, ADDED, REMOVED }

    private static final DiffAlgorithm ALGORITHM = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

    private Hunks() {
    }

    /** The hunks that turn {@code base} into {@code bad}; an absent side is a whole-file hunk. */
    static List<Hunk> between(String path, Optional<byte[]> base, Optional<byte[]> bad) {
        if (base.isEmpty() && bad.isEmpty()) {
            return List.of();
        }
        if (base.isEmpty()) {
            return List.of(new Hunk(path, 0, 0, List.of(), List.of(), Whole.ADDED));
        }
        if (bad.isEmpty()) {
            return List.of(new Hunk(path, 0, 0, List.of(), List.of(), Whole.REMOVED));
        }
        if (RawText.isBinary(base.get()) || RawText.isBinary(bad.get())) {
            // Binary files are undone whole: the bad one removed, the base one added back.
            return Arrays.equals(base.get(), bad.get()) ? List.of() : List.of(new Hunk(path, 0, 0, List.of(), List.of(), Whole.REMOVED),
                    new Hunk(path, 0, 0, List.of(), List.of(), Whole.ADDED));
        }
        List<String> a = lines(base.get());
        List<String> b = lines(bad.get());
        List<Hunk> out = new ArrayList<>();
        for (Edit e : diff(base.get(), bad.get())) {
            int lenA = e.getEndA() - e.getBeginA();
            int lenB = e.getEndB() - e.getBeginB();
            if (lenA == lenB) {
                for (int i = 0; i < lenA; i++) {
                    out.add(new Hunk(path, e.getBeginB() + i, e.getBeginB() + i + 1, List.of(b.get(e.getBeginB() + i)),
                            List.of(a.get(e.getBeginA() + i)), Whole.NONE));
                }
            } else {
                out.add(new Hunk(path, e.getBeginB(), e.getEndB(), b.subList(e.getBeginB(), e.getEndB()),
                        a.subList(e.getBeginA(), e.getEndA()), Whole.NONE));
            }
        }
        return out;
    }

    /**
     * Undoes {@code hunks} (all of one file) on {@code tip}, the current version of the file that
     * was {@code bad} when the hunks were made. Whole-file hunks: an ADDED file is removed (empty
     * result) if unchanged since; a REMOVED file is added back (as {@code base}) if still absent.
     *
     * @return the new content (empty: delete the file), or empty-with-reason when a hunk's lines
     *     changed since (a conflict)
     */
    static Result undo(Optional<byte[]> tip, Optional<byte[]> bad, Optional<byte[]> base, List<Hunk> hunks) {
        if (hunks.stream().anyMatch(h -> h.whole() != Whole.NONE)) {
            boolean removeBad = hunks.stream().anyMatch(h -> h.whole() == Whole.ADDED);
            boolean addBase = hunks.stream().anyMatch(h -> h.whole() == Whole.REMOVED);
            if (removeBad && !(tip.isPresent() && bad.isPresent() && Arrays.equals(tip.get(), bad.get()))) {
                return Result.conflict(hunks.get(0).path() + " changed since");
            }
            if (addBase && !removeBad && tip.isPresent()) {
                return Result.conflict(hunks.get(0).path() + " exists again");
            }
            return Result.of(addBase ? base : Optional.empty());
        }
        if (tip.isEmpty() || bad.isEmpty()) {
            return Result.conflict(hunks.get(0).path() + " no longer exists");
        }
        List<String> t = new ArrayList<>(lines(tip.get()));
        EditList later = diff(bad.get(), tip.get());
        List<Hunk> bottomUp = new ArrayList<>(hunks);
        bottomUp.sort(Comparator.comparingInt(Hunk::start).reversed());
        for (Hunk h : bottomUp) {
            Optional<Integer> at = map(h, later);
            if (at.isEmpty()) {
                return Result.conflict(h.describe() + " changed since");
            }
            int from = at.get();
            if (from + h.badLines().size() > t.size() || !t.subList(from, from + h.badLines().size()).equals(h.badLines())) {
                return Result.conflict(h.describe() + " changed since");
            }
            t.subList(from, from + h.badLines().size()).clear();
            t.addAll(from, h.baseLines());
        }
        return Result.of(Optional.of(String.join("", t).getBytes(StandardCharsets.UTF_8)));
    }

    /** The outcome of {@link #undo}: the content (or deletion), or why the hunks do not apply. */
    record Result(Optional<byte[]> content, String conflict) {
        static Result of(Optional<byte[]> content) {
            return new Result(content, "");
        }

        static Result conflict(String why) {
            return new Result(Optional.empty(), why);
        }

        boolean applies() {
            return conflict.isEmpty();
        }
    }

    /** Where the hunk's lines are in the later version, unless a later edit touched them. */
    private static Optional<Integer> map(Hunk h, EditList later) {
        int shift = 0;
        for (Edit d : later) {
            boolean insertion = h.start() == h.end();
            boolean overlaps = insertion ? d.getBeginA() < h.start() && h.start() < d.getEndA()
                    : d.getBeginA() < h.end() && h.start() < d.getEndA();
            if (overlaps) {
                return Optional.empty();
            }
            if (d.getEndA() <= h.start() && !(insertion && d.getBeginA() == h.start())) {
                shift += (d.getEndB() - d.getBeginB()) - (d.getEndA() - d.getBeginA());
            }
        }
        return Optional.of(h.start() + shift);
    }

    private static EditList diff(byte[] a, byte[] b) {
        return ALGORITHM.diff(RawTextComparator.DEFAULT, new RawText(a), new RawText(b));
    }

    /** Lines with their terminators, so joining them gives the text back byte for byte. */
    static List<String> lines(byte[] content) {
        String s = new String(content, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                out.add(s.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < s.length()) {
            out.add(s.substring(from));
        }
        return out;
    }
}
