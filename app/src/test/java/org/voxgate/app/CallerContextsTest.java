package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallerProfileRepository;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/** The caller context a bot gets at call start, from real calls and a real profile in H2. */
class CallerContextsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;
    private Store store;
    private CallerProfileRepository profiles;
    private CallerContexts contexts;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        profiles = new CallerProfileRepository(store.dataSource());
        contexts = new CallerContexts(profiles, "US", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void call(String id, String from, Instant at, String outcome) {
        store.calls().upsert(new CallRecord(id, "inbound", from, "+14155550000", "receptionist", at, at,
                at.plusSeconds(60), "bye", "PCMU", List.of(), "ANSWERED", null, 200, null,
                outcome == null ? null : new CallAnalysis(outcome, java.math.BigDecimal.ZERO, List.of(), null, null,
                        null, null, 0, 0, 0, List.of()), null));
    }

    @Test
    void aReturningCallerIsDescribedWithoutCountingTheCallInProgress() {
        call("old", "+14155550123", NOW.minusSeconds(86_400 * 30), "COMPLETED");
        call("recent", "4155550123", Instant.parse("2026-11-21T09:00:00Z"), "TRANSFERRED");
        call("now", "4155550123", NOW, null);
        profiles.put("+14155550123", null, null, List.of("vip"), NOW);

        assertThat(contexts.forParty("now", "4155550123")).isEqualTo("This caller has called once in the last 7 days"
                + " (2 in all); the last call, on 21 November, ended TRANSFERRED. Tags: vip.");
    }

    @Test
    void firstTimeCallersAndUnusableNumbersGetNoContext() {
        call("now", "+14155550123", NOW, null);
        assertThat(contexts.forParty("now", "+14155550123")).isEmpty();
        assertThat(contexts.forParty("x", "anonymous caller!")).isEmpty();
    }

    @Test
    void aStoreOutageLeavesTheCallWithoutContextRatherThanFailingIt() {
        call("old", "+14155550123", NOW.minusSeconds(60), "COMPLETED");
        store.close();
        assertThat(contexts.forParty("now", "+14155550123")).isEmpty();
    }
}
