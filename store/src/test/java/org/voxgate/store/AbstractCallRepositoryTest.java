package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voxgate.store.TestData.T0;
import static org.voxgate.store.TestData.analysis;
import static org.voxgate.store.TestData.call;
import static org.voxgate.store.TestData.ended;
import static org.voxgate.store.TestData.turn;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repository contract, run once per database by the subclasses, so H2 and PostgreSQL are
 * held to exactly the same behaviour.
 */
abstract class AbstractCallRepositoryTest {

    private Store store;
    private CallRepository repo;

    /** A config pointing at an empty database that this test class alone uses. */
    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        repo = store.calls();
        // The PostgreSQL schema lives as long as the class; start every test from empty tables.
        try (Connection c = store.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM call_events");
            s.executeUpdate("DELETE FROM call_turns");
            s.executeUpdate("DELETE FROM calls");
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) { // null when the database was unavailable and the test skipped
            store.close();
        }
    }

    @Test
    void roundTripsACallWithItsTurns() {
        CallRecord call = ended(call("c-1", T0));
        repo.upsert(call);
        repo.addTurn("c-1", turn(2));
        repo.addTurn("c-1", turn(1));

        CallRecord found = repo.find("c-1").orElseThrow();

        assertThat(found).isEqualTo(call.withTurns(List.of(turn(1), turn(2))));
        assertThat(store.isReady()).isTrue();
    }

    @Test
    void upsertReplacesTheRowAndKeepsNullsNull() {
        CallRecord ringing = call("c-2", T0);
        repo.upsert(ringing);
        assertThat(repo.find("c-2")).contains(ringing);

        repo.upsert(ended(ringing));

        assertThat(repo.find("c-2")).contains(ended(ringing));
        assertThat(repo.count()).isEqualTo(1);
    }

    @Test
    void mediaFiguresRoundTripWithUnknownsNullAndSurviveAnUpsertWithoutThem() {
        CallMediaStats media = new CallMediaStats(2_500, 2_600, 400_000, 416_000, 125, 3, 40,
                9.75, 31.5, null, null, 77.4, 3.92, null, null, null, null, null, null, null);
        CallRecord call = ended(call("c-m", T0)).withMedia(media);
        repo.upsert(call);

        assertThat(repo.find("c-m").orElseThrow().media()).isEqualTo(media);
        // the row written again without figures (a late update) keeps the stored ones
        repo.upsert(ended(call("c-m", T0)));
        assertThat(repo.find("c-m").orElseThrow().media()).isEqualTo(media);
        // and a full set replaces them
        CallMediaStats full = new CallMediaStats(1, 2, 3, 4, 5, 6, 7, 0.5, 20.0, 9L, 1.25, 90.0,
                4.3, 88.0, 4.25, 40.0, 60.0, 12L, 2L, 1L);
        repo.upsert(call.withMedia(full));
        assertThat(repo.find("c-m")).contains(call.withMedia(full));
        // lists leave media figures out, like turns
        assertThat(repo.list(0, 10).get(0).media()).isNull();
        assertThat(repo.find("c-1")).isEmpty();
    }

    @Test
    void aCallWithoutMediaFiguresHasNone() {
        repo.upsert(call("c-n", T0));
        assertThat(repo.find("c-n").orElseThrow().media()).isNull();
    }

    @Test
    void unknownCallIsEmpty() {
        assertThat(repo.find("nope")).isEmpty();
    }

    @Test
    void listsNewestFirstInNonOverlappingPages() {
        for (int i = 0; i < 5; i++) {
            repo.upsert(call("c-" + i, T0.plusSeconds(i)));
        }
        // Same instant as c-4: the call id breaks the tie.
        repo.upsert(call("c-5", T0.plusSeconds(4)));
        repo.addTurn("c-5", turn(0));

        List<CallRecord> first = repo.list(0, 4);
        List<CallRecord> second = repo.list(4, 4);

        assertThat(first).extracting(CallRecord::callId).containsExactly("c-5", "c-4", "c-3", "c-2");
        assertThat(second).extracting(CallRecord::callId).containsExactly("c-1", "c-0");
        assertThat(first.get(0).turns()).isEmpty();
        assertThat(repo.list(6, 10)).isEmpty();
        assertThat(repo.count()).isEqualTo(6);
    }

    @Test
    void rejectsBadPageArguments() {
        assertThatThrownBy(() -> repo.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayedTurnsDoNotDuplicate() {
        repo.upsert(call("c-3", T0));
        repo.addTurn("c-3", turn(1));
        repo.addTurn("c-3", turn(1));
        TurnRecord corrected = new TurnRecord(1, "bot", "corrected", T0, T0.plusSeconds(1));
        repo.addTurn("c-3", corrected);

        assertThat(repo.find("c-3").orElseThrow().turns()).containsExactly(corrected);
    }

    @Test
    void turnOfAMissingCallIsAPermanentError() {
        assertThatThrownBy(() -> repo.addTurn("ghost", turn(0)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.isPermanent()).isTrue());
    }

    @Test
    void eventsRoundTripInOrderAndReplaysDoNotDuplicate() {
        repo.upsert(call("c-7", T0));
        CallEvent answered = new CallEvent(1, T0.plusSeconds(1), "answered", null);
        CallEvent digit = CallEvent.dtmf(2, T0.plusMillis(5_250), '#', "rfc4733", 100);
        CallEvent transfer = new CallEvent(3, T0.plusSeconds(9), "transfer",
                Map.of("to", "sip:desk@example.com", "note", "quote \" and \u00e9 survive"));
        repo.addEvent("c-7", transfer);
        repo.addEvent("c-7", digit);
        repo.addEvent("c-7", answered);
        repo.addEvent("c-7", digit); // a journal replay

        assertThat(repo.events("c-7")).containsExactly(answered, digit, transfer);
        assertThat(repo.events("c-7").get(1).detail())
                .containsEntry("digit", "#").containsEntry("source", "rfc4733");
        assertThat(repo.events("no-such-call")).isEmpty();
    }

    @Test
    void eventOfAMissingCallIsAPermanentError() {
        assertThatThrownBy(() -> repo.addEvent("ghost", CallEvent.dtmf(0, T0, '1', "inband", 80)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.isPermanent()).isTrue());
    }

    @Test
    void eventKindsAreOpenButWellFormed() {
        assertThat(new CallEvent(0, T0, "hold", Map.of()).kind()).isEqualTo("hold");
        assertThatThrownBy(() -> new CallEvent(0, T0, "Not A Kind", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsMicrosecondsAndDropsNanoseconds() {
        Instant precise = Instant.parse("2026-03-01T10:15:30.123456789Z");
        repo.upsert(call("c-4", precise));

        assertThat(repo.find("c-4").orElseThrow().invitedAt())
                .isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
    }

    @Test
    void migratingAnAlreadyMigratedDatabaseIsHarmless() {
        repo.upsert(call("c-6", T0));
        store.close();

        store = Store.open(config());
        repo = store.calls();

        assertThat(repo.find("c-6")).isPresent();
    }

    @Test
    void closedStoreIsNotReady() {
        store.close();
        assertThat(store.isReady()).isFalse();
        assertThatThrownBy(() -> repo.count()).isInstanceOf(StoreException.class);
    }

    @Test
    void analysisRoundTripsSurvivesAnUpsertWithoutItAndIsReplacedWhole() {
        CallRecord call = ended(call("c-a", T0)).withAnalysis(analysis("COMPLETED"));
        repo.upsert(call);
        repo.upsert(call); // a journal replay

        CallRecord found = repo.find("c-a").orElseThrow();
        assertThat(found).isEqualTo(call);
        assertThat(found.analysis().costTotal()).isEqualByComparingTo("0.04497");
        assertThat(found.analysis().turns().get(0).interrupted()).isTrue();
        assertThat(found.analysis().turns().get(1).interrupted()).isFalse();

        repo.upsert(ended(call("c-a", T0))); // a late update without figures keeps them
        assertThat(repo.find("c-a").orElseThrow().analysis()).isEqualTo(call.analysis());

        CallAnalysis fewer = new CallAnalysis("TRANSFERRED", new java.math.BigDecimal("1.2345675"),
                List.of(), null, null, null, null, 0, 0, 0, List.of());
        repo.upsert(call.withAnalysis(fewer));
        CallAnalysis stored = repo.find("c-a").orElseThrow().analysis();
        assertThat(stored).isEqualTo(fewer);
        assertThat(stored.costTotal()).isEqualByComparingTo("1.234568"); // micro-dollars, half up
        // lists carry the figures without the lines and turns
        assertThat(repo.list(0, 10).get(0).analysis().outcome()).isEqualTo("TRANSFERRED");
        repo.upsert(call);
        assertThat(repo.list(0, 10).get(0).analysis())
                .isEqualTo(call.analysis().withDetails(List.of(), List.of()));
    }

    @Test
    void theEndedRowAndItsAnalysisAreWrittenTogetherOrNotAtAll() {
        repo.upsert(call("c-t", T0));
        // a vendor name longer than its column: the analysis cannot be written
        CallAnalysis bad = new CallAnalysis("COMPLETED", java.math.BigDecimal.ONE, List.of(new CallCostLine("llm",
                "v".repeat(300), "m", java.math.BigDecimal.ONE, "input_tokens", java.math.BigDecimal.ONE, true)),
                null, null, null, null, 0, 0, 0, List.of());
        assertThatThrownBy(() -> repo.upsert(ended(call("c-t", T0)).withAnalysis(bad)))
                .isInstanceOf(StoreException.class);
        CallRecord stored = repo.find("c-t").orElseThrow();
        assertThat(stored.endReason()).as("the row's update was rolled back with the analysis").isNull();
        assertThat(stored.analysis()).isNull();

        repo.upsert(ended(call("c-t", T0)).withAnalysis(analysis("COMPLETED")));
        assertThat(repo.find("c-t").orElseThrow().analysis()).isEqualTo(analysis("COMPLETED"));
    }

    @Test
    void reviewIsStoredLaterAndReplaced() {
        repo.upsert(call("c-r", T0));
        assertThat(repo.find("c-r").orElseThrow().review()).isNull();
        assertThat(repo.find("c-r").orElseThrow().analysis()).isNull();

        CallReview review = new CallReview("Caller asked for opening hours.", 8,
                "{\"resolved\":true,\"reasons\":[\"fast\",\"polite\"]}", T0.plusSeconds(90));
        assertThat(repo.saveReview("c-r", review)).isTrue();
        assertThat(repo.find("c-r").orElseThrow().review()).isEqualTo(review);

        CallReview unrated = new CallReview("Silent call.", null, null, T0.plusSeconds(95));
        assertThat(repo.saveReview("c-r", unrated)).isTrue();
        assertThat(repo.find("c-r").orElseThrow().review()).isEqualTo(unrated);
        assertThat(repo.list(0, 1).get(0).review()).isEqualTo(unrated);
        // the call row written again keeps the review
        repo.upsert(ended(call("c-r", T0)));
        assertThat(repo.find("c-r").orElseThrow().review()).isEqualTo(unrated);

        assertThat(repo.saveReview("ghost", review)).isFalse();
        assertThatThrownBy(() -> new CallReview("x", 11, null, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEndWhoseAnalysisCannotBeStoredLeavesTheCallAsItWas() {
        repo.upsert(call("c-t", T0));
        CallAnalysis bad = new CallAnalysis("COMPLETED", java.math.BigDecimal.ONE, List.of(new CallCostLine(
                "a-component-name-longer-than-its-column", "v", "m", java.math.BigDecimal.ONE, "s",
                java.math.BigDecimal.ONE, true)), null, null, null, null, 0, 0, 0, List.of());
        assertThatThrownBy(() -> repo.upsert(ended(call("c-t", T0)).withAnalysis(bad)))
                .isInstanceOf(StoreException.class);
        // all or nothing: readers poll for the end reason and then read the analysis with it
        assertThat(repo.find("c-t").orElseThrow().endReason()).isNull();
    }

    @Test
    void replayedAnalysisDoesNotDuplicateRows() {
        repo.upsert(call("c-x", T0).withAnalysis(analysis("FAILED")));
        repo.upsert(call("c-x", T0).withAnalysis(analysis("FAILED")));
        try (Connection c = store.dataSource().getConnection();
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM turn_metrics")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
