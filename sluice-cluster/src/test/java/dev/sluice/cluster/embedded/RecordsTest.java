package dev.sluice.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {

    static final KubeObject OBJECT = KubeObject.parse("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              namespace: default
              uid: u-1
              resourceVersion: "42"
              deletionTimestamp: "2026-01-01T00:00:00Z"
              finalizers: [foregroundDeletion]
              ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: o, uid: owner-1}]
            data: {k: "välue"}
            """);

    static byte[] someRecords() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Records.segmentHeader(out, 7);
        Records.encode(List.of(
                new Change.Put(Stored.of(OBJECT, 42), true),
                new Change.Removed(43, OBJECT),
                new Change.Event(EventRecord.normal(OBJECT.key(), "Synced", "ok", "sluice", Instant.EPOCH))), out);
        return out.toByteArray();
    }

    @Test
    void roundTripsEveryRecordType() {
        RecordReader.Result r = RecordReader.read(someRecords());
        assertThat(r.complete()).isTrue();
        assertThat(r.records()).hasSize(4);
        assertThat(r.records().get(0)).isEqualTo(new Records.SegmentHeader(7));
        Records.Put put = (Records.Put) r.records().get(1);
        assertThat(put.rv()).isEqualTo(42);
        assertThat(put.key()).isEqualTo(OBJECT.key());
        assertThat(put.uid()).isEqualTo("u-1");
        assertThat(put.ownerUids()).containsExactly("owner-1");
        assertThat(put.flags()).isEqualTo((byte) (Stored.DELETING | Stored.FOREGROUND));
        byte[] json = new byte[put.json().remaining()];
        put.json().duplicate().get(json);
        assertThat(KubeObject.of(Json.parseObject(new String(json, StandardCharsets.UTF_8)))).isEqualTo(OBJECT);
        assertThat(r.records().get(2)).isEqualTo(new Records.Remove(43, OBJECT.key()));
        assertThat(r.records().get(3)).isInstanceOf(Records.Event.class);
    }

    @Test
    void everyTruncationYieldsAValidPrefixAndNeverThrows() {
        byte[] all = someRecords();
        int complete = RecordReader.read(all).records().size();
        int previous = 0;
        for (int cut = 0; cut <= all.length; cut++) {
            RecordReader.Result r = RecordReader.read(Arrays.copyOf(all, cut));
            assertThat(r.validLength()).isLessThanOrEqualTo(cut);
            assertThat(r.records().size()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(complete);
            assertThat(r.complete()).isEqualTo(r.validLength() == cut);
            previous = r.records().size();
        }
        assertThat(previous).isEqualTo(complete);
    }

    @Test
    void everyFlippedByteIsCaughtByTheCrc() {
        byte[] all = someRecords();
        for (int i = 0; i < all.length; i++) {
            byte[] damaged = all.clone();
            damaged[i] ^= 0x10;
            RecordReader.Result r = RecordReader.read(damaged);
            assertThat(r.complete()).as("flip at %d", i).isFalse();
        }
    }

    @Test
    void aLazyObjectIsParsedOnceOnFirstUse() {
        byte[] json = OBJECT.toJson().getBytes(StandardCharsets.UTF_8);
        Stored s = Stored.lazy(OBJECT.key(), 42, "u-1", List.of("owner-1"), Stored.DELETING,
                java.nio.ByteBuffer.wrap(json), Json.mapper().reader().with(new SharedTextNodes()));
        assertThat(s.json().array()).as("not parsed, not copied").isSameAs(json);
        KubeObject first = s.object();
        assertThat(first).isEqualTo(OBJECT).isSameAs(s.object());
        assertThat(s.deleting()).isTrue();
        assertThat(new ObjectKey(OBJECT.groupKind(), "default", "c")).isEqualTo(s.key());
    }
}
