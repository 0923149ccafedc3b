package io.idem.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.Engine;
import io.idem.core.Resolution;
import io.idem.core.live.WriteQueue;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.resolve.ResolverConfig;
import io.idem.core.store.ApiKey;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.Erasure;
import io.idem.core.store.KeyRotation;
import io.idem.core.store.KeyedRecord;
import io.idem.core.store.LogEntry;
import io.idem.core.store.PairReview;
import io.idem.core.store.Store;
import io.idem.core.store.StoreStats;
import io.idem.core.store.StoredRecord;
import io.idem.core.store.ValueFlag;
import io.idem.core.model.Identifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's pipelined group commit on a real SQLite store: calls are acknowledged only once
 * durable, and a failed write fails that call and every call resolved after it, after which the
 * engine works on what the store holds.
 */
class PipelinedCommitTest {
    @TempDir
    Path dir;

    private static SourceRecord person(String id, String email, String phone) {
        List<Field> fields = new ArrayList<>();
        if (email != null) {
            fields.add(new Field("email", FieldKind.EMAIL, email, email, null));
        }
        if (phone != null) {
            fields.add(new Field("phone", FieldKind.PHONE, phone, phone, null));
        }
        fields.add(new Field("nombre", FieldKind.FIRST_NAME, "Ana", "Ana", null));
        return new SourceRecord(new RecordKey("api", id), fields, 1L);
    }

    @Test
    void everyAcknowledgedCallIsOnDiskAndEachPersonHasOneProfile() throws Exception {
        int persons = 300;
        try (Engine engine = Engine.open(SqliteStore.open(dir), ResolverConfig.defaults());
                WriteQueue queue = new WriteQueue(engine, 10_000, 64, "api:")) {
            List<CompletableFuture<List<Resolution>>> acks = new ArrayList<>();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int client = t;
                Thread th = new Thread(() -> {
                    for (int p = client; p < persons; p += 8) {
                        String email = "p" + p + "@x.com";
                        String phone = "+5491140" + String.format("%06d", p);
                        synchronized (acks) {
                            acks.add(queue.submit(List.of(person("a" + p, email, null))));
                            acks.add(queue.submit(List.of(person("b" + p, null, phone))));
                            acks.add(queue.submit(List.of(person("c" + p, email, phone))));
                        }
                    }
                });
                clients.add(th);
                th.start();
            }
            for (Thread th : clients) {
                th.join();
            }
            assertThat(acks).hasSize(3 * persons);
            for (CompletableFuture<List<Resolution>> ack : acks) {
                assertThat(ack.get()).hasSize(1);
            }
            assertThat(queue.committedRecords()).isEqualTo(3L * persons);
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.stats().records()).isEqualTo(3L * persons);
            assertThat(store.stats().profiles()).isEqualTo(persons);
        }
    }

    @Test
    void aFailedWriteFailsItsCallAndTheCallsResolvedAfterItThenTheEngineGoesOnFromTheStore() {
        AtomicInteger applies = new AtomicInteger();
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        try (Engine engine = Engine.open(new FailingStore(SqliteStore.open(dir), applies, 3, gate),
                ResolverConfig.defaults())) {
            List<CompletableFuture<List<Resolution>>> calls = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                calls.add(engine.resolveAsync(List.of(person("r" + i, "r" + i + "@x.com", null)), "api:"));
            }
            // writes start once all five are resolved, so r4 and r5 are resolved before r3 fails (a
            // call resolved after the failure is resolved on the reloaded state, and is stored)
            gate.countDown();
            assertThat(calls.get(0).join().get(0).profileId()).isNotNull();
            assertThat(calls.get(1).join()).hasSize(1);
            for (int i = 2; i < 5; i++) {
                assertThat(calls.get(i)).failsWithin(java.time.Duration.ofSeconds(10));
            }
            // the engine reloads from the store: r3..r5 were never stored, so they come back as new
            List<Resolution> again = engine.resolveAsync(List.of(person("r3", "r3@x.com", null)), "api:").join();
            assertThat(again.get(0).effect()).isEqualTo(Resolution.Effect.CREATED);
            assertThat(engine.store().record(new RecordKey("api", "r3"))).isPresent();
            assertThat(engine.store().record(new RecordKey("api", "r4"))).isEmpty();
            assertThat(engine.store().stats().records()).isEqualTo(3);
        }
    }

    /** A real store whose n-th write fails, as a full disk would. */
    private static final class FailingStore implements Store {
        private final Store real;
        private final AtomicInteger applies;
        private final int failing;
        private final java.util.concurrent.CountDownLatch gate;

        FailingStore(Store real, AtomicInteger applies, int failing, java.util.concurrent.CountDownLatch gate) {
            this.real = real;
            this.applies = applies;
            this.failing = failing;
            this.gate = gate;
        }

        private void awaitGate() {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void apply(ChangeSet changes) {
            awaitGate();
            if (applies.incrementAndGet() == failing) {
                throw new io.idem.core.IdemException.Storage("disk full (injected)", null);
            }
            real.apply(changes);
        }

        /** Atomic like the real one: fails, writing nothing, when the failing write is among these. */
        @Override
        public void applyAll(List<ChangeSet> changes) {
            awaitGate();
            int before = applies.get();
            if (before < failing && before + changes.size() >= failing) {
                if (changes.size() == 1) {
                    applies.incrementAndGet();
                }
                throw new io.idem.core.IdemException.Storage("disk full (injected)", null);
            }
            applies.addAndGet(changes.size());
            real.applyAll(changes);
        }

        @Override
        public void scan(Consumer<StoredRecord> sink) {
            real.scan(sink);
        }

        @Override
        public void scanKeys(Consumer<KeyedRecord> sink) {
            real.scanKeys(sink);
        }

        @Override
        public void scanAliases(BiConsumer<String, String> sink) {
            real.scanAliases(sink);
        }

        @Override
        public Optional<StoredRecord> record(RecordKey key) {
            return real.record(key);
        }

        @Override
        public List<StoredRecord> recordsOfProfile(String profileId) {
            return real.recordsOfProfile(profileId);
        }

        @Override
        public List<RecordKey> recordsWithIdentifier(Identifier identifier) {
            return real.recordsWithIdentifier(identifier);
        }

        @Override
        public Optional<String> liveProfileId(String profileId) {
            return real.liveProfileId(profileId);
        }

        @Override
        public List<LogEntry> history(String profileId) {
            return real.history(profileId);
        }

        @Override
        public List<ValueFlag> flags() {
            return real.flags();
        }

        @Override
        public StoreStats stats() {
            return real.stats();
        }

        @Override
        public List<PairReview> reviews() {
            return real.reviews();
        }

        @Override
        public void erase(Erasure erasure, ChangeSet after) {
            real.erase(erasure, after);
        }

        @Override
        public void scanSuppressions(Consumer<String> sink) {
            real.scanSuppressions(sink);
        }

        @Override
        public byte[] erasureSecret() {
            return real.erasureSecret();
        }

        @Override
        public KeyRotation rotateKeys(boolean retireOld) {
            return real.rotateKeys(retireOld);
        }

        @Override
        public void putApiKey(ApiKey key) {
            real.putApiKey(key);
        }

        @Override
        public Optional<ApiKey> apiKey(String hash) {
            return real.apiKey(hash);
        }

        @Override
        public void close() {
            real.close();
        }
    }

}
