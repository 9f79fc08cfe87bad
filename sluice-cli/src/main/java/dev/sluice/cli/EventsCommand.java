package dev.sluice.cli;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.EventRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice events [--for Kind/name]}: LAST SEEN TYPE REASON OBJECT MESSAGE, as flux prints them. */
@Command(name = "events", description = "Show events, optionally for one object (--for Kustomization/apps).")
final class EventsCommand implements Callable<Integer> {

    @Option(names = "--for", paramLabel = "KIND/NAME", description = "Only events about this object, e.g. Kustomization/apps or canary/face.")
    String forObject;

    @Option(names = "--types", paramLabel = "TYPE", description = "Only Normal or Warning events.")
    String type;

    @Mixin
    ClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (CliCluster c = cluster.connect()) {
            return show(c);
        }
    }

    private int show(CliCluster c) {
        ObjectKey involved = null;
        String ns = cluster.namespaceOr("");
        if (forObject != null) {
            String[] parts = forObject.split("/", 2);
            if (parts.length != 2) {
                throw new UserException("--for needs KIND/NAME, e.g. Kustomization/apps; got '" + forObject + "'");
            }
            ResourceType t = ResourceTypes.builtIn().lookup(parts[0])
                    .orElseThrow(() -> new UserException("unknown kind '" + parts[0] + "'"));
            String objNs = cluster.namespaceOr(t.group().equals(ResourceTypes.FLAGGER) ? "default" : "flux-system");
            involved = new ObjectKey(t.groupKind(), t.namespaced() ? objNs : "", parts[1]);
            ns = "";
        }
        Instant now = Instant.now();
        final String nsFilter = ns;
        List<EventRecord> events = c.events(involved).stream()
                .filter(e -> nsFilter.isEmpty() || e.involved().namespace().equals(nsFilter))
                .filter(e -> type == null || e.type().equalsIgnoreCase(type))
                .sorted(Comparator.comparing(EventRecord::lastTimestamp)).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (events.isEmpty()) {
            spec.commandLine().getErr().println("no events found");
            return 0;
        }
        boolean all = cluster.allNamespaces || forObject == null;
        Table t = new Table(all ? List.of("NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE")
                : List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"));
        for (EventRecord e : events) {
            String object = e.involved().groupKind().kind() + "/" + e.involved().name();
            String age = age(Duration.between(e.lastTimestamp(), now)) + (e.count() > 1 ? " (x" + e.count() + ")" : "");
            String msg = e.message().replace('\n', ' ');
            t.row(all ? List.of(e.involved().namespace(), age, e.type(), e.reason(), object, msg)
                    : List.of(age, e.type(), e.reason(), object, msg));
        }
        t.print(out);
        return 0;
    }

    /** kubectl's short ages: 5s, 3m, 2h, 4d. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}
