package dev.sluice.kubernetes;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventSeriesBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes {@link EventRecord}s as {@code events.k8s.io/v1} Events and reads them back. A repeat of the
 * same (object, type, reason, message, controller) within the event lifetime is not a new Event: the
 * first one gets a {@code series} whose count and last-observed time are patched, as client-go's
 * events library does, so a reconcile loop failing every 30 s leaves one Event, not hundreds.
 * Cluster-scoped objects get their Events in {@code default}, as client-go puts them. Thread-safe.
 */
final class Events {

    /** The API server deletes Events after an hour by default; a series older than that starts again. */
    static final Duration SERIES_WINDOW = Duration.ofHours(1);
    private static final int MAX_SERIES = 4096;
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private record SeriesKey(ObjectKey involved, String type, String reason, String message, String controller) {
    }

    private record Series(String namespace, String name, int count, Instant first) {
    }

    private final KubernetesClient client;
    private final Function<GroupKind, String> apiVersionOf;
    private final String reportingInstance;
    private final Clock clock;
    private final Map<SeriesKey, Series> series = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SeriesKey, Series> eldest) {
            return size() > MAX_SERIES;
        }
    };

    Events(KubernetesClient client, Function<GroupKind, String> apiVersionOf, String reportingInstance, Clock clock) {
        this.client = client;
        this.apiVersionOf = apiVersionOf;
        this.reportingInstance = reportingInstance;
        this.clock = clock;
    }

    /**
     * Records {@code e} (its own timestamps are ignored: now comes from the clock), optionally
     * naming a related object (e.g. the Deployment a Canary event is about).
     */
    void record(EventRecord e, ObjectKey related) {
        Instant now = clock.instant();
        SeriesKey k = new SeriesKey(e.involved(), e.type(), e.reason(), e.message(), e.reportingController());
        Series previous;
        synchronized (series) {
            previous = series.get(k);
        }
        if (previous != null && Duration.between(previous.first(), now).compareTo(SERIES_WINDOW) < 0) {
            int count = previous.count() + 1;
            if (patchSeries(previous, count, now)) {
                synchronized (series) {
                    series.put(k, new Series(previous.namespace(), previous.name(), count, previous.first()));
                }
                return;
            }
        }
        Event created = client.events().v1().events().inNamespace(namespaceOf(e.involved()))
                .resource(newEvent(e, related, now)).create();
        synchronized (series) {
            series.put(k, new Series(created.getMetadata().getNamespace(), created.getMetadata().getName(), 1, now));
        }
    }

    private Event newEvent(EventRecord e, ObjectKey related, Instant now) {
        EventBuilder b = new EventBuilder()
                .withNewMetadata()
                .withNamespace(namespaceOf(e.involved()))
                .withName(e.involved().name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .withAnnotations(e.annotations().isEmpty() ? null : e.annotations())
                .endMetadata()
                .withEventTime(new MicroTime(MICRO.format(now)))
                .withType(e.type())
                .withReason(e.reason())
                // events.k8s.io/v1 requires an action; Flux and Flagger only have reasons.
                .withAction(e.reason())
                .withNote(e.message())
                .withReportingController(e.reportingController())
                .withReportingInstance(reportingInstance)
                .withRegarding(reference(e.involved()));
        if (related != null) {
            b.withRelated(reference(related));
        }
        return b.build();
    }

    /** @return false when the Event is gone (expired or deleted), so a new one must be created */
    private boolean patchSeries(Series s, int count, Instant now) {
        Event patch = new EventBuilder().withSeries(new EventSeriesBuilder().withCount(count)
                .withLastObservedTime(new MicroTime(MICRO.format(now))).build()).build();
        try {
            client.events().v1().events().inNamespace(s.namespace()).withName(s.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return true;
        } catch (KubernetesClientException ex) {
            if (ex.getCode() == 404) {
                return false;
            }
            throw ex;
        }
    }

    /** Events about {@code involved} (all Events when null), oldest first. */
    List<EventRecord> read(ObjectKey involved) {
        List<Event> items;
        if (involved == null) {
            items = client.events().v1().events().inAnyNamespace().list().getItems();
        } else {
            // The field selector narrows the list on a real API server; the filter below is what counts.
            items = client.events().v1().events().inNamespace(namespaceOf(involved))
                    .withField("regarding.name", involved.name()).list().getItems();
        }
        List<EventRecord> out = new ArrayList<>();
        for (Event ev : items) {
            EventRecord r = toRecord(ev);
            if (involved == null || r.involved().equals(involved)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(EventRecord::firstTimestamp));
        return out;
    }

    static EventRecord toRecord(Event ev) {
        ObjectReference ref = ev.getRegarding() == null ? new ObjectReference() : ev.getRegarding();
        String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
        ObjectKey key = new ObjectKey(GroupKind.fromApiVersion(apiVersion, str(ref.getKind())),
                str(ref.getNamespace()), str(ref.getName()));
        Instant first = time(ev.getEventTime() == null ? null : ev.getEventTime().getTime(), ev.getDeprecatedFirstTimestamp());
        int count = ev.getSeries() != null && ev.getSeries().getCount() != null ? ev.getSeries().getCount()
                : ev.getDeprecatedCount() != null ? ev.getDeprecatedCount() : 1;
        Instant last = ev.getSeries() != null && ev.getSeries().getLastObservedTime() != null
                ? time(ev.getSeries().getLastObservedTime().getTime(), null) : first;
        Map<String, String> annotations = ev.getMetadata() == null || ev.getMetadata().getAnnotations() == null
                ? Map.of() : ev.getMetadata().getAnnotations();
        return new EventRecord(key, ev.getType() == null ? EventRecord.NORMAL : ev.getType(), str(ev.getReason()),
                str(ev.getNote()), str(ev.getReportingController()), annotations, count, first, last);
    }

    private ObjectReference reference(ObjectKey key) {
        return new ObjectReferenceBuilder()
                .withApiVersion(apiVersionOf.apply(key.groupKind()))
                .withKind(key.groupKind().kind())
                .withNamespace(key.namespace().isEmpty() ? null : key.namespace())
                .withName(key.name())
                .build();
    }

    private static String namespaceOf(ObjectKey key) {
        return key.namespace().isEmpty() ? "default" : key.namespace();
    }

    private static Instant time(String primary, String fallback) {
        String t = primary != null && !primary.isEmpty() ? primary : fallback;
        return t == null || t.isEmpty() ? Instant.EPOCH : Instant.parse(t);
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
