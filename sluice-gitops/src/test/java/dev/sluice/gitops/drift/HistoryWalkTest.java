package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryWalkTest {

    private static WorkloadSpec image(String image) {
        ObjectNode t = Json.object();
        t.putObject("spec").putArray("containers").addObject().put("name", "face").put("image", image);
        return new WorkloadSpec(t, Map.of());
    }

    /** Commits c0 (oldest) .. cN with the image each builds ("" = the build fails); returns the chain newest first. */
    private static List<CommitInfo> chain(Map<String, String> builds, String... images) {
        List<CommitInfo> out = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            String sha = String.format("%040d", i);
            out.add(0, new CommitInfo(sha, "tree" + i, i == 0 ? List.of() : List.of(String.format("%040d", i - 1)),
                    "A", "a@x", Instant.EPOCH, "c" + i));
            builds.put(sha, images[i]);
        }
        return out;
    }

    private static HistoryWalk.Result walk(String... images) {
        Map<String, String> builds = new HashMap<>();
        List<CommitInfo> chain = chain(builds, images);
        HistoryWalk.Builds b = c -> builds.get(c.sha()).isEmpty() ? Optional.empty() : Optional.of(image(builds.get(c.sha())));
        return HistoryWalk.walk(chain, b, image("v2"), image("v1"));
    }

    private static String subject(Optional<CommitInfo> c) {
        return c.map(CommitInfo::subject).orElse("none");
    }

    @Test
    void oneOffendingCommitAfterTheGoodOne() {
        HistoryWalk.Found f = (HistoryWalk.Found) walk("v1", "v1", "v2", "v2");
        assertThat(f.introducing().subject()).isEqualTo("c2");
        assertThat(subject(f.lastGood())).isEqualTo("c1");
        assertThat(f.singleCommit()).isTrue();
    }

    @Test
    void severalCommitsBetweenTheGoodSpecAndTheFailedOne() {
        HistoryWalk.Found f = (HistoryWalk.Found) walk("v1", "v1.5", "", "v2");
        assertThat(f.introducing().subject()).isEqualTo("c3");
        assertThat(f.range()).extracting(CommitInfo::subject).containsExactly("c3", "c2", "c1");
        assertThat(subject(f.lastGood())).isEqualTo("c0");
        assertThat(f.singleCommit()).isFalse();
    }

    @Test
    void aChangeMadeRevertedAndMadeAgainIsFoundAtItsLastIntroduction() {
        HistoryWalk.Found f = (HistoryWalk.Found) walk("v2", "v1", "v2");
        assertThat(f.introducing().subject()).isEqualTo("c2");
        assertThat(subject(f.lastGood())).isEqualTo("c1");
    }

    @Test
    void noGoodCommitInReachLeavesOnlyTheIntroducingOne() {
        HistoryWalk.Found f = (HistoryWalk.Found) walk("v0", "v2", "v2");
        assertThat(f.introducing().subject()).isEqualTo("c1");
        assertThat(f.lastGood()).isEmpty();
        assertThat(f.range()).extracting(CommitInfo::subject).containsExactly("c1");
    }

    @Test
    void aFailedSpecOlderThanTheWalkedHistoryIsNotBlamedOnTheOldestCommitSeen() {
        Map<String, String> builds = new HashMap<>();
        List<CommitInfo> chain = chain(builds, "v1", "v2", "v2", "v2");
        HistoryWalk.Builds b = c -> Optional.of(image(builds.get(c.sha())));
        assertThat(HistoryWalk.walk(chain.subList(0, 2), b, image("v2"), image("v1"))).isEqualTo(new HistoryWalk.TooDeep(
                "all of the last 2 commits build the failed spec; it was introduced before 0000000"));
        HistoryWalk.Found root = (HistoryWalk.Found) HistoryWalk.walk(chain(new HashMap<>(builds), "v2"), c -> Optional.of(image("v2")),
                image("v2"), image("v1"));
        assertThat(root.introducing().parents()).isEmpty();
    }

    @Test
    void aHeadThatDoesNotBuildTheFailedSpecIsReported() {
        assertThat(walk("v1", "v3")).isEqualTo(new HistoryWalk.HeadDiffers(
                "commit 0000000 does not build the spec the target runs"));
        assertThat(walk("v1", "")).isInstanceOf(HistoryWalk.HeadDiffers.class);
    }
}
