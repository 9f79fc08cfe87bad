package dev.sluice.delivery.canary;

/**
 * Fresh random values the reconciler draws (from its injected RandomGenerator) each tick, used only
 * when a session-affinity cookie has to be created: the core stays deterministic.
 */
public record CookieSeeds(String canary, String primary) {

    public static final CookieSeeds FIXED = new CookieSeeds("canarycook", "primarycoo");

    /** Ten random letters each, as Flagger's randSeq. */
    public static CookieSeeds draw(java.util.random.RandomGenerator random) {
        return new CookieSeeds(letters(random), letters(random));
    }

    private static String letters(java.util.random.RandomGenerator random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder b = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
