package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallRecord;
import org.voxgate.store.TurnMetricsRecord;

/** Call list filters, the CSV export and per-bot analytics, served for real over an H2 store. */
class CallQueriesApiTest extends AdminServerTestBase {

    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @BeforeEach
    void start() {
        store = openStore();
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        secure(server).start();
        call("c1", "inbound", "+14155550123", "receptionist", T, 60, analysis("COMPLETED", "0.0125", 1, 900, 1100));
        call("c2", "inbound", "14155550123", "receptionist", T.plusSeconds(3_600), 120,
                analysis("TRANSFERRED", "0.02", 0, 700, 800, 2500));
        call("c3", "outbound", "+14155550123", "survey", T.plusSeconds(7_200), 30, analysis("COMPLETED", "0.003", 2));
        call("c4", "inbound", "alice, \"the boss\"", "receptionist", T.plusSeconds(10_800), 10, null);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private void call(String id, String direction, String party, String bot, Instant invited, long talk,
                      CallAnalysis analysis) {
        String from = direction.equals("inbound") ? party : "+442071838750";
        String to = direction.equals("inbound") ? "+442071838750" : party;
        store.calls().upsert(new CallRecord(id, direction, from, to, bot, invited, invited.plusSeconds(1),
                invited.plusSeconds(1 + talk), "bye", "PCMU", List.of(), "ANSWERED", null, 200, null, analysis, null));
    }

    private static CallAnalysis analysis(String outcome, String cost, int interruptions, long... v2v) {
        List<TurnMetricsRecord> turns = new ArrayList<>();
        for (int i = 0; i < v2v.length; i++) {
            turns.add(new TurnMetricsRecord(i + 1, null, null, null, null, null, null, null, null,
                    T.plusSeconds(i + 1), null, null, null, null, null, v2v[i], 0, 0, "hi", "hello"));
        }
        return new CallAnalysis(outcome, new BigDecimal(cost), List.of(), null, null, null, null, interruptions, 0, 0,
                turns);
    }

    private List<String> ids(String query) throws Exception {
        HttpResponse<String> r = get("/api/calls" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        body(r).get("items").forEach(item -> ids.add(item.get("callId").asText()));
        return ids;
    }

    @Test
    void filtersTheCallListByEveryParameter() throws Exception {
        assertThat(ids("")).containsExactly("c4", "c3", "c2", "c1");
        assertThat(ids("?bot=receptionist")).containsExactly("c4", "c2", "c1");
        assertThat(ids("?direction=outbound")).containsExactly("c3");
        assertThat(ids("?outcome=completed")).containsExactly("c3", "c1");
        assertThat(ids("?from=2026-11-20T11:00:00Z&to=2026-11-20T13:00:00Z")).containsExactly("c3", "c2");
        assertThat(ids("?caller=%2B14155550123")).containsExactly("c3", "c2", "c1");
        assertThat(ids("?caller=%2B1%20415%20555%200123&direction=inbound&limit=1&offset=1")).containsExactly("c1");
        JsonNode page = body(get("/api/calls?caller=%2B14155550123&limit=1"));
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
    }

    @Test
    void listExportAndAnalyticsNeedAKeyAndAViewerKeyIsEnough() throws Exception {
        String viewer = createKey("viewer");
        for (String path : List.of("/api/calls?bot=receptionist", "/api/calls/export.csv", "/api/analytics/bots")) {
            assertRefused(null, "GET", path, null);
            assertThat(sendAs(viewer, "GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void rejectsBadFiltersNamingTheParameter() throws Exception {
        assertBadRequest("/api/calls?direction=sideways", "direction");
        assertBadRequest("/api/calls?outcome=HAPPY", "outcome");
        assertBadRequest("/api/calls?from=yesterday", "from");
        assertBadRequest("/api/calls?to=2026-13-01T00:00:00Z", "to");
        assertBadRequest("/api/calls?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "to");
        assertBadRequest("/api/calls?caller=" + URLEncoder.encode("not a caller!", StandardCharsets.UTF_8), "caller");
        assertBadRequest("/api/calls?bot=", "bot");
        assertBadRequest("/api/calls?limit=0&bot=x", "limit");
        assertBadRequest("/api/calls/export.csv?direction=up", "direction");
        assertBadRequest("/api/analytics/bots?from=2026-11-20", "from");
        assertBadRequest("/api/analytics/bots?from=2026-11-21T00:00:00Z&to=2026-11-21T00:00:00Z", "to");
    }

    private void assertBadRequest(String path, String field) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        JsonNode error = body(r);
        assertThat(error.get("error").asText()).isEqualTo("bad_request");
        assertThat(error.get("field").asText()).as(path).isEqualTo(field);
        assertThat(error.get("message").asText()).contains(field);
    }

    @Test
    void exportsTheFilteredCallsAsCsvThatParsesBackToTheRows() throws Exception {
        HttpResponse<String> r = get("/api/calls/export.csv?bot=receptionist");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).isEqualTo("attachment; filename=\"calls.csv\"");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(r.body())).getRecords();
        assertThat(rows).extracting(row -> row.get("callId")).containsExactly("c4", "c2", "c1");
        CSVRecord c4 = rows.get(0);
        assertThat(c4.get("from")).isEqualTo("alice, \"the boss\""); // quoted and escaped, not split
        assertThat(c4.get("callOutcome")).isEmpty();
        assertThat(c4.get("costTotal")).isEmpty();
        CSVRecord c2 = rows.get(1);
        assertThat(c2.get("direction")).isEqualTo("inbound");
        assertThat(c2.get("from")).isEqualTo("14155550123");
        assertThat(c2.get("invitedAt")).isEqualTo("2026-11-20T11:00:00Z");
        assertThat(c2.get("endedAt")).isEqualTo("2026-11-20T11:02:01Z");
        assertThat(c2.get("callOutcome")).isEqualTo("TRANSFERRED");
        assertThat(c2.get("costTotal")).isEqualTo("0.02");
        assertThat(c2.get("sipStatus")).isEqualTo("200");
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly(CallsExport.HEADER);

        HttpResponse<String> none = get("/api/calls/export.csv?bot=nobody");
        assertThat(none.body().strip()).isEqualTo(String.join(",", CallsExport.HEADER));
    }

    @Test
    void exportStreamsManyCalls() throws Exception {
        for (int i = 0; i < 1_200; i++) {
            call("bulk-" + i, "inbound", "+15550000" + (100 + i % 800), "bulk", T.minusSeconds(i + 1), 5, null);
        }
        HttpResponse<String> r = get("/api/calls/export.csv?bot=bulk");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(r.body())).getRecords();
        assertThat(rows).hasSize(1_200);
        assertThat(rows.get(0).get("callId")).isEqualTo("bulk-0");
        assertThat(rows.get(1_199).get("callId")).isEqualTo("bulk-1199");
    }

    @Test
    void reportsPerBotFiguresForAPeriod() throws Exception {
        JsonNode all = body(get("/api/analytics/bots"));
        assertThat(all.get("bots")).hasSize(2);
        JsonNode reception = all.get("bots").get(0);
        assertThat(reception.get("bot").asText()).isEqualTo("receptionist");
        assertThat(reception.get("calls").asLong()).isEqualTo(3);
        assertThat(reception.get("outcomes")).isEqualTo(json.readTree(
                "{\"COMPLETED\":1,\"TRANSFERRED\":1,\"UNKNOWN\":1}"));
        assertThat(reception.get("averageHandleSeconds").asDouble()).isEqualTo((60 + 120 + 10) / 3.0, org.assertj.core.data.Offset.offset(0.001));
        // 700, 800, 900, 1100, 2500
        assertThat(reception.get("latency").get("turns").asLong()).isEqualTo(5);
        assertThat(reception.get("latency").get("voiceToVoiceP50Ms").asLong()).isEqualTo(900);
        assertThat(reception.get("latency").get("voiceToVoiceP95Ms").asLong()).isEqualTo(2500);
        assertThat(reception.get("costTotal").decimalValue()).isEqualByComparingTo("0.0325");
        assertThat(reception.get("interruptions").asLong()).isEqualTo(1);
        JsonNode survey = all.get("bots").get(1);
        assertThat(survey.get("latency").get("voiceToVoiceP50Ms").isNull()).isTrue();

        JsonNode hour = body(get("/api/analytics/bots?from=2026-11-20T11:00:00Z&to=2026-11-20T12:00:00Z&bot=receptionist"));
        assertThat(hour.get("from").asText()).isEqualTo("2026-11-20T11:00:00Z");
        assertThat(hour.get("bots")).hasSize(1);
        assertThat(hour.get("bots").get(0).get("calls").asLong()).isEqualTo(1);
        assertThat(hour.get("bots").get(0).get("costTotal").toString()).isEqualTo("0.02");
        assertThat(body(get("/api/analytics/bots?bot=nobody")).get("bots")).isEmpty();
    }
}
