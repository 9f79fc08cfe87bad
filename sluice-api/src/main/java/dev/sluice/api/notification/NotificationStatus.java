package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.meta.Nodes;
import java.util.List;

/** A Receiver's status: conditions and the webhook path it serves. */
public record NotificationStatus(long observedGeneration, List<Condition> conditions, String webhookPath,
                                 String lastHandledReconcileAt) {

    public NotificationStatus {
        conditions = List.copyOf(conditions);
    }

    public static NotificationStatus from(JsonNode s) {
        return new NotificationStatus(Nodes.longValue(s, "observedGeneration"), Conditions.of(s),
                Nodes.text(s, "webhookPath"), Nodes.text(s, "lastHandledReconcileAt"));
    }
}
