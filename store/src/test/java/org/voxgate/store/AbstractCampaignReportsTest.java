package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The campaign figures over rows inserted directly, run once per database by the subclasses. */
abstract class AbstractCampaignReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private Store store;
    private CampaignReports reports;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        reports = new CampaignReports(store.dataSource());
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM call_tasks");
            s.executeUpdate("DELETE FROM campaign_contacts");
            s.executeUpdate("DELETE FROM campaigns");
            s.executeUpdate("DELETE FROM turn_metrics");
            s.executeUpdate("DELETE FROM calls");
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void anEmptyOrUnknownCampaignHasZeroFiguresAndNoAverages() throws SQLException {
        campaign("c1");
        for (String id : new String[] {"c1", "nope"}) {
            CampaignReports.Report r = reports.report(id, NOW);
            assertThat(r.attempts()).isZero();
            assertThat(r.connectRate()).isNull();
            assertThat(r.avgHandleSeconds()).isNull();
            assertThat(r.voiceToVoiceP50Ms()).isNull();
            assertThat(r.amdP50Ms()).isNull();
            assertThat(r.cost()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(r.progress()).isEqualTo(new CampaignReports.Progress(0, 0, 0, 0, 0));
        }
    }

    @Test
    void countsOutcomesRatesCostLatencyAmdAndProgress() throws SQLException {
        campaign("c1");
        campaign("other");
        // Ann: answered on the second attempt after a busy first.
        long ann = contact("c1", "+441110001", "done", "COMPLETED", 2);
        task("c1", ann, 1, "done", NOW.minusSeconds(600), "call-a1", "BUSY", null, null);
        task("c1", ann, 2, "done", NOW.minusSeconds(300), "call-a2", "COMPLETED", "HUMAN", 800);
        call("call-a1", null, null, null);
        call("call-a2", NOW.minusSeconds(290), NOW.minusSeconds(230), "0.120000"); // 60 s
        // Bob: voicemail, retry scheduled later.
        long bob = contact("c1", "+441110002", "pending", "VOICEMAIL", 1);
        task("c1", bob, 1, "done", NOW.minusSeconds(500), "call-b1", "VOICEMAIL", "MACHINE", 2400);
        task("c1", bob, 2, "queued", NOW.plusSeconds(3600), null, null, null, null);
        call("call-b1", NOW.minusSeconds(495), NOW.minusSeconds(475), "0.030000"); // 20 s
        // Cy: transferred; Dee: being dialled; Eve: due now; Fay: on the do-not-call list.
        long cy = contact("c1", "+441110003", "done", "TRANSFERRED", 1);
        task("c1", cy, 1, "done", NOW.minusSeconds(400), "call-c1", "TRANSFERRED", "UNSURE", 1600);
        call("call-c1", NOW.minusSeconds(395), NOW.minusSeconds(355), null); // 40 s, no cost known
        long dee = contact("c1", "+441110004", "pending", null, 0);
        task("c1", dee, 1, "dialing", NOW.minusSeconds(5), null, null, null, null);
        long eve = contact("c1", "+441110005", "pending", null, 0);
        task("c1", eve, 1, "queued", NOW, null, null, null, null);
        long fay = contact("c1", "+441110006", "done", "DO_NOT_CALL", 0);
        task("c1", fay, 1, "done", NOW.minusSeconds(700), null, "DO_NOT_CALL", null, null);
        // Another campaign's rows must not count.
        long other = contact("other", "+441110001", "done", "COMPLETED", 1);
        task("other", other, 1, "done", NOW.minusSeconds(100), "call-o1", "COMPLETED", "HUMAN", 10);
        call("call-o1", NOW.minusSeconds(99), NOW.minusSeconds(9), "9.000000");
        turns("call-o1", 1);
        turns("call-a2", 100, 200, 300, 400);
        turns("call-c1", 1000);

        CampaignReports.Report r = reports.report("c1", NOW);

        assertThat(r.contactsByOutcome()).isEqualTo(Map.of("COMPLETED", 1L, "DO_NOT_CALL", 1L, "TRANSFERRED", 1L));
        assertThat(r.contactsByOutcome().keySet()).containsExactly("COMPLETED", "DO_NOT_CALL", "TRANSFERRED");
        assertThat(r.attemptsByOutcome()).isEqualTo(
                Map.of("BUSY", 1L, "COMPLETED", 1L, "VOICEMAIL", 1L, "TRANSFERRED", 1L));
        assertThat(r.attemptsEnded()).isEqualTo(4);
        assertThat(r.attempts()).isEqualTo(5); // plus Dee's, in progress
        assertThat(r.connected()).isEqualTo(2);
        assertThat(r.connectRate()).isEqualTo(0.5);
        assertThat(r.avgHandleSeconds()).isCloseTo(40.0, within(1e-9));
        assertThat(r.cost()).isEqualByComparingTo("0.15");
        assertThat(r.voiceToVoiceP50Ms()).isEqualTo(300); // of 100 200 300 400 1000
        assertThat(r.voiceToVoiceP95Ms()).isEqualTo(1000);
        assertThat(r.amdByResult()).isEqualTo(Map.of("HUMAN", 1L, "MACHINE", 1L, "UNSURE", 1L));
        assertThat(r.amdP50Ms()).isEqualTo(1600);
        assertThat(r.progress()).isEqualTo(new CampaignReports.Progress(3, 1, 1, 1, 6));

        // Later on the campaign clock, Bob's retry is due too.
        assertThat(reports.report("c1", NOW.plusSeconds(3600)).progress())
                .isEqualTo(new CampaignReports.Progress(3, 1, 2, 0, 6));
    }

    @Test
    void resultsGiveEachContactItsLastEndedAttemptAndVariablesAcrossBatches() throws SQLException {
        campaign("c1");
        campaign("other");
        long ann = contact("c1", "+441110001", "done", "COMPLETED", 2);
        task("c1", ann, 1, "done", NOW.minusSeconds(600), "call-a1", "BUSY", null, null);
        task("c1", ann, 2, "done", NOW.minusSeconds(300), "call-a2", "COMPLETED", null, null);
        update("UPDATE call_tasks SET ended_at = ? WHERE call_id = 'call-a2'", NOW.minusSeconds(200));
        long bob = contact("c1", "+441110002", "pending", "VOICEMAIL", 1);
        task("c1", bob, 1, "done", NOW.minusSeconds(500), "call-b1", "VOICEMAIL", null, null);
        task("c1", bob, 2, "dialing", NOW.minusSeconds(5), "call-b2", null, null, null);
        contact("other", "+441110003", "pending", null, 0);
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO campaign_contacts (campaign_id, phone, variables, status, attempts, created_at, updated_at)"
                        + " VALUES ('c1', ?, ?, 'pending', 0, ?, ?)")) {
            for (int i = 0; i < 2_500; i++) {
                ps.setString(1, "+4420000" + String.format("%05d", i));
                ps.setString(2, i == 2_400 ? "{\"plan\":\"gold\",\"late\":\"yes\"}" : "{\"plan\":\"p" + i + "\"}");
                SqlTimes.set(ps, 3, NOW);
                SqlTimes.set(ps, 4, NOW);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        ContactResults results = new ContactResults(store.dataSource());

        assertThat(results.variableNames("c1")).containsExactly("plan", "late");
        java.util.List<ContactResults.Row> rows = new java.util.ArrayList<>();
        results.forEach("c1", rows::add);

        assertThat(rows).hasSize(2_502);
        assertThat(rows).extracting(ContactResults.Row::contactId).isSorted().doesNotHaveDuplicates();
        assertThat(rows.get(0)).isEqualTo(new ContactResults.Row(ann, "+441110001", null, "done", "COMPLETED", 2,
                "call-a2", NOW.minusSeconds(200), Map.of()));
        // Bob's second attempt is still dialling: his last ended one is the first.
        assertThat(rows.get(1).lastCallId()).isEqualTo("call-b1");
        assertThat(rows.get(2).lastCallId()).isNull();
        assertThat(rows.get(2 + 2_400).variables()).isEqualTo(Map.of("plan", "gold", "late", "yes"));
        assertThat(results.variableNames("nope")).isEmpty();
    }

    private void campaign(String id) throws SQLException {
        update("INSERT INTO campaigns (id, name, bot, trunk, time_zone, settings, state, created_at, updated_at,"
                + " live_name) VALUES (?, ?, 'sales', 'carrier', 'Europe/London', '{}', 'running', ?, ?, ?)",
                id, id, NOW, NOW, id);
    }

    private long contact(String campaign, String phone, String status, String outcome, int attempts)
            throws SQLException {
        update("INSERT INTO campaign_contacts (campaign_id, phone, variables, status, outcome, attempts, created_at,"
                + " updated_at) VALUES (?, ?, '{}', ?, ?, " + attempts + ", ?, ?)",
                campaign, phone, status, outcome, NOW, NOW);
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id FROM campaign_contacts WHERE campaign_id = ? AND phone = ?")) {
            ps.setString(1, campaign);
            ps.setString(2, phone);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void task(String campaign, long contact, int attempt, String state, Instant due, String callId,
                      String outcome, String amd, Integer amdMs) throws SQLException {
        update("INSERT INTO call_tasks (campaign_id, contact_id, attempt, state, due_at, call_id, outcome,"
                + " amd_result, amd_ms) VALUES (?, " + contact + ", " + attempt + ", ?, ?, ?, ?, ?, "
                + (amdMs == null ? "NULL" : amdMs.toString()) + ")", campaign, state, due, callId, outcome, amd);
    }

    private void call(String id, Instant answered, Instant ended, String cost) throws SQLException {
        update("INSERT INTO calls (call_id, direction, from_uri, to_uri, bot, invited_at, answered_at, ended_at,"
                + " cost_total) VALUES (?, 'outbound', 'sip:voxgate', 'sip:peer', 'sales', ?, "
                + (answered == null ? "NULL, NULL, " : "?, ?, ") + (cost == null ? "NULL" : cost) + ")",
                answered == null ? new Object[] {id, NOW.minusSeconds(1000)}
                        : new Object[] {id, NOW.minusSeconds(1000), answered, ended});
    }

    private void turns(String callId, long... latencies) throws SQLException {
        int seq = 1;
        for (long ms : latencies) {
            update("INSERT INTO turn_metrics (call_id, seq, ended_at, voice_to_voice_ms, interrupted, interruptions,"
                    + " false_interruptions, caller_text, bot_text) VALUES (?, " + seq++ + ", ?, " + ms
                    + ", FALSE, 0, 0, 'hi', 'hello')", callId, NOW);
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Instant at) {
                    SqlTimes.set(ps, i + 1, at);
                } else {
                    SqlTimes.setNullable(ps, i + 1, (String) args[i]);
                }
            }
            ps.executeUpdate();
        }
    }
}
