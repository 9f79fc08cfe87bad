package dev.sluice.gitops.notification.alert;

import dev.sluice.api.notification.Alert;
import dev.sluice.api.notification.CrossNamespaceObjectReference;
import dev.sluice.gitops.notification.FluxEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether an Alert wants an event, as notification-controller decides: not suspended; one of its
 * {@code eventSources} has the event's kind and namespace (the Alert's own when not set), a name
 * equal or {@code *}, and {@code matchLabels} matching the involved object's labels; the event's
 * severity is the Alert's or the Alert takes {@code info} (everything); the message matches one of
 * {@code inclusionList} (when set) and none of {@code exclusionList} (regular expressions found
 * anywhere in the message). Pure and thread-safe.
 */
public final class AlertFilter {

    /**
     * The verdict, and problems to report on the Alert as Warning events.
     *
     * @param problems reason and message pairs (e.g. {@code InvalidConfig}: a regex that does not compile)
     */
    public record Decision(boolean matched, List<Problem> problems) {

        public Decision {
            problems = List.copyOf(problems);
        }
    }

    /** A Warning to record on the Alert. */
    public record Problem(String reason, String message) {
    }

    private AlertFilter() {
    }

    /**
     * @param labels the involved object's labels, asked only when a source has matchLabels; empty
     *               when the object cannot be read
     */
    public static Decision decide(FluxEvent e, Alert alert, Supplier<Optional<Map<String, String>>> labels) {
        List<Problem> problems = new ArrayList<>();
        if (alert.spec().suspend()) {
            return new Decision(false, problems);
        }
        boolean source = false;
        for (CrossNamespaceObjectReference s : alert.spec().eventSources()) {
            if (matchesSource(e, alert, s, labels, problems)) {
                source = true;
                break;
            }
        }
        if (!source) {
            return new Decision(false, problems);
        }
        List<String> include = alert.spec().inclusionList();
        if (!include.isEmpty() && include.stream().noneMatch(r -> found(r, e.message(), "inclusion", problems))) {
            return new Decision(false, problems);
        }
        if (alert.spec().exclusionList().stream().anyMatch(r -> found(r, e.message(), "exclusion", problems))) {
            return new Decision(false, problems);
        }
        return new Decision(true, problems);
    }

    private static boolean matchesSource(FluxEvent e, Alert alert, CrossNamespaceObjectReference s,
                                         Supplier<Optional<Map<String, String>>> labels, List<Problem> problems) {
        FluxEvent.InvolvedObject o = e.involvedObject();
        if (!o.namespace().equals(s.namespaceOr(alert.namespace())) || !o.kind().equals(s.kind())) {
            return false;
        }
        String severity = alert.spec().eventSeverity();
        if (!e.severity().equals(severity) && !severity.equals(FluxEvent.INFO)) {
            return false;
        }
        if (!s.isWildcard() && !s.name().equals(o.name())) {
            return false;
        }
        if (s.matchLabels().isEmpty()) {
            return true;
        }
        Optional<Map<String, String>> actual = labels.get();
        if (actual.isEmpty()) {
            problems.add(new Problem("SourceFetchFailed", "error getting source object " + o));
            return false;
        }
        return s.matchLabels().entrySet().stream().allMatch(l -> l.getValue().equals(actual.get().get(l.getKey())));
    }

    private static boolean found(String regex, String message, String list, List<Problem> problems) {
        try {
            return Pattern.compile(regex).matcher(message).find();
        } catch (PatternSyntaxException ex) {
            problems.add(new Problem("InvalidConfig", "failed to compile " + list + " regex: " + regex));
            return false;
        }
    }
}
