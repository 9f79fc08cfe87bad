package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;
import java.util.List;

/**
 * A commit as the drift report shows it.
 *
 * @param sha     40 hex digits
 * @param tree    the root tree's id: two commits with the same tree build the same objects
 * @param parents parent commit ids, first parent first
 * @param author  the author's name
 * @param email   the author's e-mail
 * @param time    the author time
 * @param message the full message
 */
public record CommitInfo(String sha, String tree, List<String> parents, String author, String email, Instant time,
                         String message) {

    public CommitInfo {
        parents = List.copyOf(parents);
    }

    public String shortSha() {
        return sha.substring(0, Math.min(7, sha.length()));
    }

    /** The first line of the message. */
    public String subject() {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }

    /** {@code {sha, shortSha, author, email, time, subject, message}}. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("sha", sha).put("shortSha", shortSha()).put("author", author).put("email", email)
                .put("time", time.toString()).put("subject", subject()).put("message", message);
        return n;
    }
}
