package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HunksTest {

    private static Optional<byte[]> text(String s) {
        return Optional.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String undo(String tip, String bad, String base, List<Hunks.Hunk> hunks) {
        Hunks.Result r = Hunks.undo(text(tip), text(bad), text(base), hunks);
        return r.applies() ? new String(r.content().orElseThrow(), StandardCharsets.UTF_8) : "CONFLICT: " + r.conflict();
    }

    @Test
    void aReplacementOfEqualLengthIsSplitIntoOneLineHunks() {
        List<Hunks.Hunk> h = Hunks.between("k.yaml", text("a\nb\nc\n"), text("a\nB\nC\n"));
        assertThat(h).extracting(Hunks.Hunk::start).containsExactly(1, 2);
        assertThat(undo("a\nB\nC\n", "a\nB\nC\n", "a\nb\nc\n", List.of(h.get(0)))).isEqualTo("a\nb\nC\n");
    }

    @Test
    void undoesOnALaterVersionWhoseOtherLinesMoved() {
        String base = "name: x\nnewTag: 1.0.0\n";
        String bad = "name: x\nnewTag: 1.1.0\n";
        String tip = "# a comment added later\nname: x\nnewTag: 1.1.0\nextra: true\n";
        List<Hunks.Hunk> h = Hunks.between("k.yaml", text(base), text(bad));
        assertThat(undo(tip, bad, base, h)).isEqualTo("# a comment added later\nname: x\nnewTag: 1.0.0\nextra: true\n");
    }

    @Test
    void aHunkWhoseLinesChangedSinceIsAConflict() {
        String base = "newTag: 1.0.0\n";
        String bad = "newTag: 1.1.0\n";
        List<Hunks.Hunk> h = Hunks.between("k.yaml", text(base), text(bad));
        assertThat(undo("newTag: 1.2.0\n", bad, base, h)).isEqualTo("CONFLICT: k.yaml:1 changed since");
    }

    @Test
    void insertionsAndDeletionsAreUndone() {
        String base = "a\nb\n";
        String bad = "a\nnew1\nnew2\nb\n";
        List<Hunks.Hunk> h = Hunks.between("f", text(base), text(bad));
        assertThat(h).hasSize(1);
        assertThat(undo("z\na\nnew1\nnew2\nb\n", bad, base, h)).isEqualTo("z\na\nb\n");
        List<Hunks.Hunk> back = Hunks.between("f", text(bad), text(base));
        assertThat(undo("a\nb\nc\n", base, bad, back)).isEqualTo("a\nnew1\nnew2\nb\nc\n");
    }

    @Test
    void wholeFilesAreRemovedOrAddedBack() {
        List<Hunks.Hunk> added = Hunks.between("f", Optional.empty(), text("x\n"));
        assertThat(Hunks.undo(text("x\n"), text("x\n"), Optional.empty(), added).content()).isEmpty();
        assertThat(Hunks.undo(text("y\n"), text("x\n"), Optional.empty(), added).applies()).isFalse();
        List<Hunks.Hunk> removed = Hunks.between("f", text("x\n"), Optional.empty());
        assertThat(Hunks.undo(Optional.empty(), Optional.empty(), text("x\n"), removed).content()).contains("x\n".getBytes());
    }
}
