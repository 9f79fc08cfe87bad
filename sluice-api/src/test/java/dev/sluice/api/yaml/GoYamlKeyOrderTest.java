package dev.sluice.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoYamlKeyOrderTest {

    @Test
    void sortsLikeGoYamlV2() { // the order kubectl kustomize prints these keys in
        List<String> keys = new ArrayList<>(List.of("n10", "b", "A", "n9", "_x", "a10", "a2", "a02b", "a2b", "1", "10", "9", "é"));
        keys.sort(GoYamlKeyOrder.INSTANCE);
        assertThat(keys).containsExactly("_x", "1", "9", "10", "A", "a2", "a2b", "a02b", "a10", "b", "n9", "n10", "é");
    }

    /** The ASCII shortcut must never disagree with the full algorithm. */
    @Test
    void shortcutAgreesWithTheFullRules() {
        Random rnd = new Random(42);
        String alphabet = "aAbZz09_-.:/é";
        for (int i = 0; i < 50_000; i++) {
            String a = random(rnd, alphabet);
            String b = random(rnd, alphabet);
            int c = GoYamlKeyOrder.INSTANCE.compare(a, b);
            if (a.equals(b)) {
                assertThat(c).isZero();
            } else if (GoYamlKeyOrder.lessFull(a, b)) {
                assertThat(c).as("%s < %s", a, b).isNegative();
            } else if (GoYamlKeyOrder.lessFull(b, a)) {
                assertThat(c).as("%s > %s", a, b).isPositive();
            }
        }
    }

    private static String random(Random rnd, String alphabet) {
        int n = rnd.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
