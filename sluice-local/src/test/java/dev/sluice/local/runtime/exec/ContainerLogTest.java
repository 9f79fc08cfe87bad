package dev.sluice.local.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLogTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheLatestLinesInMemory() {
        ContainerLog log = ContainerLog.inMemory(3);
        for (int i = 1; i <= 5; i++) {
            log.append("line " + i);
        }
        assertThat(log.tail(-1)).containsExactly("line 3", "line 4", "line 5");
        assertThat(log.tail(2)).containsExactly("line 4", "line 5");
    }

    @Test
    void longLinesAreKeptWithinTheAverageCharactersPerLine() {
        ContainerLog log = ContainerLog.inMemory(100);
        String big = "x".repeat(ContainerLog.MAX_LINE);
        for (int i = 0; i < 1_000; i++) {
            log.append(i + big);
        }
        List<String> kept = log.tail(-1);
        assertThat(kept.stream().mapToLong(String::length).sum())
                .isLessThanOrEqualTo(100L * ContainerLog.CHARS_PER_LINE + ContainerLog.MAX_LINE);
        assertThat(kept).as("the newest line stays").isNotEmpty().last().asString().startsWith("999x");
        for (int i = 0; i < 100; i++) {
            log.append("short " + i);
        }
        assertThat(log.tail(-1)).as("short lines: the line bound again").hasSize(100).last().isEqualTo("short 99");
    }

    @Test
    void followGivesTheTailThenEachNewLineOnceAndEndsWithTheLog() {
        ContainerLog log = ContainerLog.inMemory(100);
        log.append("a");
        log.append("b");
        List<String> seen = new ArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        var sub = log.follow(1, seen::add, () -> ended.set(true));
        log.append("c");
        assertThat(seen).containsExactly("b", "c");
        sub.close();
        log.append("d");
        assertThat(seen).containsExactly("b", "c");
        List<String> other = new ArrayList<>();
        log.follow(0, other::add, () -> ended.set(true));
        log.close();
        log.append("after close");
        assertThat(ended).isTrue();
        assertThat(other).isEmpty();
    }

    @Test
    void pumpSplitsLinesStripsCarriageReturnsAndCutsHugeLines() throws Exception {
        ContainerLog log = ContainerLog.inMemory(100);
        String huge = "x".repeat(ContainerLog.MAX_LINE + 10);
        log.pump(new ByteArrayInputStream(("one\r\ntwo\n" + huge + "\nlast without newline").getBytes(StandardCharsets.UTF_8)));
        List<String> lines = log.tail(-1);
        assertThat(lines.subList(0, 2)).containsExactly("one", "two");
        assertThat(lines.get(2)).hasSize(ContainerLog.MAX_LINE);
        assertThat(lines.get(3)).isEqualTo("x".repeat(10));
        assertThat(lines.getLast()).isEqualTo("last without newline");
    }

    @Test
    void fileRotatesOnceSoTheDiskStaysBounded() throws Exception {
        Path file = dir.resolve("pod/main.log");
        ContainerLog log = new ContainerLog(file, 10, 100);
        for (int i = 0; i < 50; i++) {
            log.append("line number " + i);
        }
        log.close();
        assertThat(Files.size(file)).isLessThanOrEqualTo(100);
        assertThat(Files.size(dir.resolve("pod/main.log.1"))).isLessThanOrEqualTo(100);
        assertThat(Files.readAllLines(file)).last().isEqualTo("line number 49");
    }
}
