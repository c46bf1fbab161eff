package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.store.TestData.T0;
import static org.voxgate.store.TestData.analysis;
import static org.voxgate.store.TestData.call;
import static org.voxgate.store.TestData.ended;
import static org.voxgate.store.TestData.turn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecordWriterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Store store;
    private SwitchableDataSource switchable;
    private CallRepository flakyRepo;
    private Path journalDir;
    private Path journalFile;

    @BeforeEach
    void setUp() {
        store = Store.open(H2.fileConfig(dir));
        switchable = new SwitchableDataSource(store.dataSource());
        flakyRepo = new CallRepository(switchable);
        journalDir = dir.resolve("journal");
        journalFile = journalDir.resolve(WriteJournal.FILE_NAME);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** Short back-off so outages in tests cost milliseconds; a short close so they end quickly. */
    private CallRecordWriter writer(CallRepository repo) {
        return new CallRecordWriter(repo, journalDir, Clock.systemUTC(), Duration.ofMillis(10),
                Duration.ofMillis(200), Duration.ofMillis(300));
    }

    @Test
    void writesArriveInOrder() {
        CallRecord ringing = call("w-1", T0);
        try (CallRecordWriter writer = writer(flakyRepo)) {
            writer.callUpdated(ringing);
            writer.turnAdded("w-1", turn(0));
            writer.turnAdded("w-1", turn(1));
            writer.callUpdated(ended(ringing));

            assertThat(writer.flush(PATIENCE)).isTrue();
            assertThat(writer.pending()).isZero();
        }
        assertThat(store.calls().find("w-1"))
                .contains(ended(ringing).withTurns(List.of(turn(0), turn(1))));
        assertThat(journalFile).doesNotExist();
    }

    @Test
    void retriesThroughAnOutageAndJournalsMeanwhile() throws IOException {
        try (CallRecordWriter writer = writer(flakyRepo)) {
            switchable.up(false);
            writer.callUpdated(call("w-2", T0));
            writer.turnAdded("w-2", turn(0));
            awaitTrue(() -> journalLines() == 2);

            // A write arriving mid-outage is journaled without waiting for the next retry.
            writer.turnAdded("w-2", turn(1));
            awaitTrue(() -> journalLines() == 3);
            assertThat(store.calls().count()).isZero();
            assertThat(writer.pending()).isEqualTo(3);
            assertThat(writer.flush(Duration.ofMillis(50))).isFalse();

            switchable.up(true);

            assertThat(writer.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().find("w-2").orElseThrow().turns())
                .containsExactly(turn(0), turn(1));
        assertThat(journalFile).doesNotExist();
    }

    @Test
    void analysisAndReviewAreJournaledThroughAnOutageAndReplayedByTheNextWriter() {
        CallRecord done = ended(call("w-9", T0)).withAnalysis(analysis("COMPLETED"));
        CallReview review = new CallReview("Booked a table.", 9, "[\"quick\"]", T0.plusSeconds(70));
        CallRecordWriter first = writer(flakyRepo);
        first.callUpdated(call("w-9", T0));
        assertThat(first.flush(PATIENCE)).isTrue();

        switchable.up(false);
        first.callUpdated(done);
        first.reviewAdded("w-9", review);
        first.close();
        assertThat(first.pending()).isEqualTo(2);

        switchable.up(true);
        try (CallRecordWriter second = writer(store.calls())) {
            assertThat(second.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().find("w-9")).contains(done.withReview(review));
        assertThat(journalFile).doesNotExist();
    }

    @Test
    void eventsAreJournaledThroughAnOutageAndReplayedByTheNextWriter() {
        CallEvent digit = CallEvent.dtmf(1, T0.plusSeconds(3), '5', "inband", 120);
        CallEvent hold = new CallEvent(2, T0.plusSeconds(4), "hold", java.util.Map.of("by", "caller"));
        CallRecordWriter first = writer(flakyRepo);
        first.callUpdated(call("w-5", T0));
        assertThat(first.flush(PATIENCE)).isTrue();

        switchable.up(false);
        first.eventAdded("w-5", digit);
        first.eventAdded("w-5", hold);
        first.close();
        assertThat(first.pending()).isEqualTo(2);

        switchable.up(true);
        try (CallRecordWriter second = writer(store.calls())) {
            assertThat(second.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().events("w-5")).containsExactly(digit, hold);
        assertThat(journalFile).doesNotExist();
    }

    @Test
    void toolCallsAreJournaledThroughAnOutageAndReplayedByTheNextWriter() {
        ToolCallRecord booked = new ToolCallRecord(1, "book_appointment",
                "{\"start\":\"2026-03-02T10:00\",\"name\":\"Ann\"}", "{\"booked\":true}", true, null,
                T0.plusSeconds(5), 42);
        ToolCallRecord failed = new ToolCallRecord(2, "lookup_order", "{}", "{\"error\":\"HTTP 500\"}", false,
                "HTTP 500", T0.plusSeconds(9), 3_000);
        CallRecordWriter first = writer(flakyRepo);
        first.callUpdated(call("w-6", T0));
        assertThat(first.flush(PATIENCE)).isTrue();

        switchable.up(false);
        first.toolCallAdded("w-6", booked);
        first.toolCallAdded("w-6", failed);
        first.close();
        assertThat(first.pending()).isEqualTo(2);

        switchable.up(true);
        try (CallRecordWriter second = writer(store.calls())) {
            assertThat(second.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().toolCalls("w-6")).containsExactly(
                new ToolCallRecord(1, "book_appointment", booked.argumentsJson(), booked.resultJson(), true, null,
                        T0.plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MICROS), 42),
                new ToolCallRecord(2, "lookup_order", "{}", failed.resultJson(), false, "HTTP 500",
                        T0.plusSeconds(9).truncatedTo(java.time.temporal.ChronoUnit.MICROS), 3_000));
        assertThat(journalFile).doesNotExist();
    }

    @Test
    void closeDuringAnOutageHandsTheWritesToTheNextWriterWithoutDuplicates() {
        CallRecord ringing = call("w-3", T0);
        CallRecordWriter first = writer(flakyRepo);
        first.callUpdated(ringing);
        first.turnAdded("w-3", turn(0));
        assertThat(first.flush(PATIENCE)).isTrue();

        switchable.up(false);
        // Replays of writes that already landed, mixed with new ones.
        first.callUpdated(ringing);
        first.turnAdded("w-3", turn(0));
        first.turnAdded("w-3", turn(1));
        first.callUpdated(ended(ringing));
        first.close();
        first.turnAdded("w-3", turn(2)); // after close: straight to the journal

        assertThat(first.pending()).isEqualTo(4);
        assertThat(journalLines()).isGreaterThanOrEqualTo(5);

        try (CallRecordWriter second = writer(store.calls())) {
            assertThat(second.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().find("w-3"))
                .contains(ended(ringing).withTurns(List.of(turn(0), turn(1), turn(2))));
        assertThat(store.calls().count()).isEqualTo(1);
        assertThat(journalFile).doesNotExist();
    }

    @Test
    void mediaFiguresSurviveTheJournal() throws IOException {
        CallMediaStats media = new CallMediaStats(10, 11, 1600, 1760, 1, 0, 5, 2.5, null, 0L,
                1.0, 93.2, 4.41, null, null, null, null, null, null, null);
        new WriteJournal(journalDir).append(
                List.of(new PendingWrite.UpsertCall(ended(call("w-6", T0)).withMedia(media))));
        try (CallRecordWriter writer = writer(store.calls())) {
            assertThat(writer.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().find("w-6").orElseThrow().media()).isEqualTo(media);
    }

    @Test
    void skipsALineACrashCutShort() throws IOException {
        new WriteJournal(journalDir).append(List.of(
                new PendingWrite.UpsertCall(call("w-4", T0)),
                new PendingWrite.AddTurn("w-4", turn(0))));
        Files.writeString(journalFile, "{\"type\":\"turn\",\"callId\":\"w-4\",\"tu",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (CallRecordWriter writer = writer(store.calls())) {
            writer.turnAdded("w-4", turn(1));
            assertThat(writer.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().find("w-4").orElseThrow().turns())
                .containsExactly(turn(0), turn(1));
        assertThat(journalFile).doesNotExist();
    }

    @Test
    void aWriteTheStoreCanNeverTakeIsDroppedWithoutBlockingTheRest() {
        try (CallRecordWriter writer = writer(flakyRepo)) {
            writer.turnAdded("no-such-call", turn(0));
            writer.callUpdated(call("w-5", T0));

            assertThat(writer.flush(PATIENCE)).isTrue();
        }
        assertThat(store.calls().find("w-5")).isPresent();
        assertThat(store.calls().find("no-such-call")).isEmpty();
    }

    @Test
    void callsWrittenFromManyThreadsKeepTheirOwnOrder() throws InterruptedException {
        int threads = 4;
        int turnsPerCall = 25;
        try (CallRecordWriter writer = writer(flakyRepo)) {
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = "m-" + t;
                callers.add(Thread.ofVirtual().start(() -> {
                    writer.callUpdated(call(id, T0));
                    for (int seq = 0; seq < turnsPerCall; seq++) {
                        writer.turnAdded(id, turn(seq));
                    }
                    writer.callUpdated(ended(call(id, T0)));
                }));
            }
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(writer.flush(PATIENCE)).isTrue();
        }
        for (int t = 0; t < threads; t++) {
            CallRecord stored = store.calls().find("m-" + t).orElseThrow();
            assertThat(stored.endReason()).isEqualTo("bye");
            assertThat(stored.turns()).hasSize(turnsPerCall);
        }
    }

    private int journalLines() {
        try {
            return Files.exists(journalFile) ? Files.readAllLines(journalFile).size() : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
