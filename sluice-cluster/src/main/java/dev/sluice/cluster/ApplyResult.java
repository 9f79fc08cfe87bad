package dev.sluice.cluster;

import dev.sluice.api.KubeObject;

/** What a server-side apply did, in Flux's change-set vocabulary. */
public record ApplyResult(KubeObject object, Action action) {

    public enum Action {
        CREATED("created"),
        CONFIGURED("configured"),
        UNCHANGED("unchanged");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        /** The word Flux prints in change sets: created, configured, unchanged. */
        public String word() {
            return word;
        }
    }
}
