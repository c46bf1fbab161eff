package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caller profiles, caller statistics, filtered call searches and per-bot analytics, run once
 * per database by the subclasses over the same seeded calls.
 */
abstract class AbstractCallerStoreTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private Store store;
    private CallRepository calls;
    private CallerProfileRepository profiles;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        calls = store.calls();
        profiles = new CallerProfileRepository(store.dataSource());
        try (Connection c = store.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM calls");
            s.executeUpdate("DELETE FROM caller_profiles");
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** A finished call answered 2 s after its invite, {@code talkSeconds} long. */
    private void call(String id, String direction, String party, String bot, Instant invited, long talkSeconds,
                      CallAnalysis analysis) {
        String from = direction.equals("inbound") ? party : "+442071838750";
        String to = direction.equals("inbound") ? "+442071838750" : party;
        calls.upsert(new CallRecord(id, direction, from, to, bot, invited, invited.plusSeconds(2),
                invited.plusSeconds(2 + talkSeconds), "bye", "PCMU", List.of(), "ANSWERED", null, 200, null,
                analysis, null));
    }

    private static CallAnalysis analysis(String outcome, String cost, int interruptions, long... v2vMs) {
        List<TurnMetricsRecord> turns = new ArrayList<>();
        int seq = 0;
        for (long ms : v2vMs) {
            Instant t = NOW.plusSeconds(++seq);
            turns.add(new TurnMetricsRecord(seq, null, null, null, null, null, null, null, null, t,
                    null, null, null, null, null, ms, 0, 0, "caller", "bot"));
        }
        return new CallAnalysis(outcome, new BigDecimal(cost), List.of(), null, null, null, null,
                interruptions, 0, 0, turns);
    }

    /** The same caller under three spellings, another caller, an outbound call and a SIP user. */
    private void seed() {
        call("a1", "inbound", "+14155550123", "receptionist", NOW.minusSeconds(86_400 * 20), 60,
                analysis("COMPLETED", "0.010000", 1, 800, 1200));
        call("a2", "inbound", "14155550123", "receptionist", NOW.minusSeconds(86_400 * 3), 120,
                analysis("TRANSFERRED", "0.020500", 2, 900, 1000, 3000));
        call("a3", "outbound", "4155550123", "survey", NOW.minusSeconds(86_400 * 2), 30,
                analysis("COMPLETED", "0.005", 0, 700));
        call("a4", "inbound", "4155550123", "receptionist", NOW.minusSeconds(3_600), 90, null);
        call("b1", "inbound", "+34911234567", "soporte", NOW.minusSeconds(86_400), 40,
                analysis("CALLER_HUNG_UP", "0.001", 0));
        call("u1", "inbound", "alice", "receptionist", NOW.minusSeconds(600), 10,
                analysis("COMPLETED", "0", 0));
    }

    @Test
    void profilesRoundTripKeepTheirBirthAndFilterByTag() {
        CallerProfile first = profiles.put("+14155550123", "Ann", "Prefers mornings", List.of("vip", "en_us"), NOW);
        assertThat(first.createdAt()).isEqualTo(NOW);
        CallerProfile second = profiles.put("+14155550123", null, "Moved", List.of("vip"), NOW.plusSeconds(60));
        assertThat(second).isEqualTo(new CallerProfile("+14155550123", null, "Moved", List.of("vip"), NOW,
                NOW.plusSeconds(60)));
        profiles.put("alice", "Alice", null, List.of("enxus"), NOW);
        profiles.put("+34911234567", null, null, List.of(), NOW);

        assertThat(profiles.list(null, 0, 10)).extracting(CallerProfile::phone)
                .containsExactly("+14155550123", "+34911234567", "alice");
        assertThat(profiles.list("vip", 0, 10)).extracting(CallerProfile::phone).containsExactly("+14155550123");
        assertThat(profiles.count("vip")).isEqualTo(1);
        assertThat(profiles.count(null)).isEqualTo(3);
        // _ is a LIKE wildcard; the tag filter must not let en_us match enxus
        profiles.put("bob", null, null, List.of("en_us"), NOW);
        assertThat(profiles.list("en_us", 0, 10)).extracting(CallerProfile::phone).containsExactly("bob");
        assertThat(profiles.list(null, 1, 2)).extracting(CallerProfile::phone).containsExactly("+34911234567", "alice");

        assertThat(profiles.delete("alice")).isTrue();
        assertThat(profiles.delete("alice")).isFalse();
        assertThat(profiles.find("alice")).isEmpty();
    }

    @Test
    void statsCountEverySpellingOfTheNumberAndLeaveTheCurrentCallOut() {
        seed();
        CallerStats stats = profiles.stats("+14155550123", NOW, "a4");
        assertThat(stats).isEqualTo(new CallerStats("+14155550123", 3, 2, NOW.minusSeconds(86_400 * 2), "COMPLETED"));

        CallerStats withCurrent = profiles.stats("+14155550123", NOW, null);
        // a4 has no analysis yet: its setup outcome stands in
        assertThat(withCurrent).isEqualTo(new CallerStats("+14155550123", 4, 3, NOW.minusSeconds(3_600), "ANSWERED"));

        assertThat(profiles.stats("alice", NOW, null).totalCalls()).isEqualTo(1);
        CallerStats stranger = profiles.stats("+33142685300", NOW, null);
        assertThat(stranger.firstTime()).isTrue();
        assertThat(stranger.lastCallAt()).isNull();
    }

    @Test
    void searchFiltersByEveryCriterionAndPages() {
        seed();
        CallSearch search = calls.search();
        CallerKey keys = new CallerKey();
        assertThat(ids(search.list(CallFilter.ALL, 0, 100))).containsExactly("u1", "a4", "b1", "a3", "a2", "a1");
        assertThat(ids(search.list(new CallFilter("receptionist", null, null, null, null, null), 0, 100)))
                .containsExactly("u1", "a4", "a2", "a1");
        assertThat(ids(search.list(new CallFilter(null, "outbound", null, null, null, null), 0, 100)))
                .containsExactly("a3");
        assertThat(ids(search.list(new CallFilter(null, null, "COMPLETED", null, null, null), 0, 100)))
                .containsExactly("u1", "a3", "a1");
        assertThat(ids(search.list(new CallFilter(null, null, null, NOW.minusSeconds(86_400 * 3),
                NOW.minusSeconds(3_600), null), 0, 100))).containsExactly("b1", "a3", "a2");
        CallFilter ann = new CallFilter(null, null, null, null, null, keys.storedForms("+14155550123"));
        assertThat(ids(search.list(ann, 0, 100))).containsExactly("a4", "a3", "a2", "a1");
        assertThat(ids(search.list(ann, 1, 2))).containsExactly("a3", "a2");
        assertThat(search.count(ann)).isEqualTo(4);
        CallFilter annInbound = new CallFilter("receptionist", "inbound", "TRANSFERRED", null, null,
                keys.storedForms("+14155550123"));
        assertThat(ids(search.list(annInbound, 0, 100))).containsExactly("a2");

        List<CallRecord> exported = new ArrayList<>();
        search.forEach(ann, exported::add);
        assertThat(exported).isEqualTo(search.list(ann, 0, 100));
        assertThat(exported.get(2).analysis().costTotal()).isEqualByComparingTo("0.0205");
    }

    @Test
    void analyticsSumUpEachBotInThePeriod() {
        seed();
        List<BotFigures> all = calls.analytics().perBot(null, null, null);
        assertThat(all).extracting(BotFigures::bot).containsExactly("receptionist", "soporte", "survey");
        BotFigures reception = all.get(0);
        assertThat(reception.calls()).isEqualTo(4);
        assertThat(reception.outcomes()).isEqualTo(Map.of("COMPLETED", 2L, "TRANSFERRED", 1L, "UNKNOWN", 1L));
        assertThat(reception.answeredCalls()).isEqualTo(4);
        assertThat(reception.avgHandleSeconds()).isEqualTo((60 + 120 + 90 + 10) / 4.0);
        assertThat(reception.measuredTurns()).isEqualTo(5);
        // 800, 900, 1000, 1200, 3000: nearest rank 50% = 3rd, 95% = 5th
        assertThat(reception.voiceToVoiceP50Ms()).isEqualTo(1000L);
        assertThat(reception.voiceToVoiceP95Ms()).isEqualTo(3000L);
        assertThat(reception.costTotal()).isEqualByComparingTo("0.0305");
        assertThat(reception.interruptions()).isEqualTo(3);

        BotFigures soporte = all.get(1);
        assertThat(soporte.voiceToVoiceP50Ms()).isNull();
        assertThat(soporte.measuredTurns()).isZero();

        List<BotFigures> lastWeek = calls.analytics().perBot(NOW.minusSeconds(86_400 * 7), NOW, "receptionist");
        assertThat(lastWeek).hasSize(1);
        assertThat(lastWeek.get(0).calls()).isEqualTo(3);
        assertThat(lastWeek.get(0).voiceToVoiceP95Ms()).isEqualTo(3000L);
        assertThat(lastWeek.get(0).costTotal()).isEqualByComparingTo("0.0205");
        assertThat(calls.analytics().perBot(NOW, null, null)).isEmpty();
    }

    @Test
    void exportReadsMoreCallsThanOneFetchBatchInOrder() {
        for (int i = 0; i < 1_100; i++) {
            call(String.format("bulk-%04d", i), "inbound", "+1415555" + String.format("%04d", i), "bulk",
                    NOW.minusSeconds(i + 1L), 5, null);
        }
        List<String> seen = new ArrayList<>();
        calls.search().forEach(new CallFilter("bulk", null, null, null, null, null), c -> seen.add(c.callId()));
        assertThat(seen).hasSize(1_100);
        assertThat(seen.get(0)).isEqualTo("bulk-0000");
        assertThat(seen.get(1_099)).isEqualTo("bulk-1099");
        assertThat(calls.search().count(new CallFilter("bulk", null, null, null, null, null))).isEqualTo(1_100);
    }

    private static List<String> ids(List<CallRecord> records) {
        return records.stream().map(CallRecord::callId).toList();
    }
}
