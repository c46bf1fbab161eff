package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallEvent;
import org.voxgate.store.CallMediaStats;
import java.math.BigDecimal;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallCostLine;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallReview;
import org.voxgate.store.TurnMetricsRecord;
import org.voxgate.store.TurnRecord;

/** The admin API served for real on a free loopback port over a real H2 store. */
class AdminServerTest extends AdminServerTestBase {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final String SIP_CALL_ID = "a84b4c76e66710@pc33.example.com";

    private final Map<String, Boolean> components = new LinkedHashMap<>();
    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() {
        store = openStore();
        store.calls().upsert(new CallRecord(SIP_CALL_ID, "inbound", "sip:alice@example.com",
                "sip:bot@voxgate.test", "receptionist", T0, T0.plusSeconds(1), T0.plusSeconds(30),
                "bye", "PCMU", List.of()));
        store.calls().addTurn(SIP_CALL_ID, new TurnRecord(2, "bot", "How can I help?",
                T0.plusSeconds(3), T0.plusSeconds(4)));
        store.calls().addTurn(SIP_CALL_ID, new TurnRecord(1, "caller", "Hello",
                T0.plusSeconds(1), T0.plusSeconds(2)));
        store.calls().addEvent(SIP_CALL_ID, CallEvent.dtmf(2, T0.plusSeconds(5), '#', "rfc4733", 100));
        store.calls().addEvent(SIP_CALL_ID, new CallEvent(1, T0.plusSeconds(1), "answered", Map.of()));
        store.calls().upsert(ringing("c-2", T0.plusSeconds(60)));
        store.calls().upsert(ringing("c-3", T0.plusSeconds(120)));

        components.put("sip", true);
        components.put("rtp", true);
        components.put("store", true);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Copy per call: the server may read while a test changes the map.
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(),
                () -> Map.copyOf(components), registry);
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        registry.close();
    }

    private static CallRecord ringing(String id, Instant invitedAt) {
        return new CallRecord(id, "outbound", "sip:bot@voxgate.test", "sip:bob@example.com",
                "sales", invitedAt, null, null, null, null, List.of());
    }

    @Test
    void healthIsUpWhenEveryComponentIs() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(json.readTree(
                "{\"status\":\"UP\",\"components\":{\"sip\":\"UP\",\"rtp\":\"UP\",\"store\":\"UP\"}}"));
    }

    @Test
    void healthIsDownWhenAnyComponentIs() throws Exception {
        components.put("store", false);

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body(response)).isEqualTo(json.readTree(
                "{\"status\":\"DOWN\",\"components\":{\"sip\":\"UP\",\"rtp\":\"UP\",\"store\":\"DOWN\"}}"));
    }

    @Test
    void listsCallsNewestFirstInPages() throws Exception {
        JsonNode first = body(get("/api/calls?offset=0&limit=2"));
        JsonNode second = body(get("/api/calls?offset=2&limit=2"));

        assertThat(first.get("items").findValuesAsText("callId")).containsExactly("c-3", "c-2");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("offset").asInt()).isZero();
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(second.get("items").findValuesAsText("callId")).containsExactly(SIP_CALL_ID);
        JsonNode item = second.get("items").get(0);
        assertThat(item.has("turns")).isFalse();
        assertThat(item.get("invitedAt").asText()).isEqualTo("2026-03-01T10:15:30.123456Z");
        assertThat(item.get("endReason").asText()).isEqualTo("bye");
    }

    @Test
    void listDefaultsToTheFirstFiftyCalls() throws Exception {
        HttpResponse<String> response = get("/api/calls");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode page = body(response);
        assertThat(page.get("offset").asInt()).isZero();
        assertThat(page.get("limit").asInt()).isEqualTo(50);
        assertThat(page.get("items")).hasSize(3);
    }

    @Test
    void rejectsBadPagingParameters() throws Exception {
        assertBadRequest("/api/calls?limit=0", "limit", "limit must be between 1 and 500");
        assertBadRequest("/api/calls?limit=501", "limit", "limit must be between 1 and 500");
        assertBadRequest("/api/calls?limit=ten", "limit", "limit must be an integer");
        assertBadRequest("/api/calls?offset=-1", "offset", "offset must not be negative");
    }

    private void assertBadRequest(String path, String field, String message) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(body(response)).as(path).isEqualTo(json.createObjectNode()
                .put("error", "bad_request").put("message", message).put("field", field));
    }

    @Test
    void showsOneCallWithItsTurnsInOrder() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + SIP_CALL_ID);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = body(response);
        assertThat(call.get("callId").asText()).isEqualTo(SIP_CALL_ID);
        assertThat(call.get("from").asText()).isEqualTo("sip:alice@example.com");
        assertThat(call.get("answeredAt").asText()).isEqualTo("2026-03-01T10:15:31.123456Z");
        assertThat(call.get("turns").findValuesAsText("text")).containsExactly("Hello", "How can I help?");
        assertThat(call.get("turns").get(0).get("speaker").asText()).isEqualTo("caller");
        assertThat(call.get("turns").get(0).get("seq").asInt()).isEqualTo(1);

        assertThat(call.get("events").findValuesAsText("kind")).containsExactly("answered", "dtmf");
        JsonNode digit = call.get("events").get(1);
        assertThat(digit.get("seq").asInt()).isEqualTo(2);
        assertThat(digit.get("at").asText()).isEqualTo("2026-03-01T10:15:35.123456Z");
        assertThat(digit.get("detail")).isEqualTo(json.createObjectNode()
                .put("digit", "#").put("source", "rfc4733").put("durationMillis", "100"));

        JsonNode ringing = body(get("/api/calls/c-2"));
        assertThat(ringing.get("answeredAt").isNull()).isTrue();
        assertThat(ringing.get("turns")).isEmpty();
        assertThat(ringing.get("events")).isEmpty();
    }

    @Test
    void showsACallsMediaFiguresAsAMediaObject() throws Exception {
        CallRecord call = store.calls().find(SIP_CALL_ID).orElseThrow();
        store.calls().upsert(call.withMedia(new CallMediaStats(1500, 1510, 240_000, 241_600, 75, 2, 30,
                9.5, 42.0, 12L, 3.25, 77.4, 3.92, 90.1, 4.35, null, null, null, null, null)));

        JsonNode media = body(get("/api/calls/" + SIP_CALL_ID)).get("media");
        assertThat(media.get("packetsIn").asLong()).isEqualTo(1500);
        assertThat(media.get("packetsLost").asLong()).isEqualTo(75);
        assertThat(media.get("packetsRejected").asLong()).isEqualTo(30);
        assertThat(media.get("jitterMs").asDouble()).isEqualTo(9.5);
        assertThat(media.get("rttMs").asDouble()).isEqualTo(42.0);
        assertThat(media.get("mosInbound").asDouble()).isEqualTo(3.92);
        assertThat(media.get("mosOutbound").asDouble()).isEqualTo(4.35);
        assertThat(media.get("jbDelayP95Ms").isNull()).isTrue();
        assertThat(body(get("/api/calls/c-2")).get("media").isNull()).isTrue();
    }

    @Test
    void showsACallsOutcomeCostLatencyTurnFiguresAndReview() throws Exception {
        CallRecord call = store.calls().find(SIP_CALL_ID).orElseThrow();
        Instant t = T0.plusSeconds(2);
        TurnMetricsRecord turn = new TurnMetricsRecord(1, t, t.plusMillis(1_000), t.plusMillis(1_400), t.plusMillis(1_450),
                t.plusMillis(1_700), t.plusMillis(2_000), t.plusMillis(1_850), t.plusMillis(1_870), t.plusSeconds(4),
                400L, 50L, 250L, 150L, 20L, 870L, 1, 0, "Hello", "How can I help?");
        store.calls().upsert(call.withAnalysis(new CallAnalysis("COMPLETED", new BigDecimal("0.00012"),
                List.of(new CallCostLine("tts", "deepgram", "aura-2", new BigDecimal("4"), "characters",
                        new BigDecimal("0.00000012"), true)),
                870L, 870.0, 870L, 870L, 1, 0, 2, List.of(turn))));
        store.calls().saveReview(SIP_CALL_ID, new CallReview("Greeting only.", 7, "short call", T0.plusSeconds(60)));

        HttpResponse<String> response = get("/api/calls/" + SIP_CALL_ID);
        JsonNode body = body(response);

        assertThat(body.get("callOutcome").asText()).isEqualTo("COMPLETED");
        assertThat(response.body()).contains("\"total\":0.00012").contains("\"amount\":0.00000012")
                .doesNotContain("E-");
        assertThat(body.get("cost").get("currency").asText()).isEqualTo("USD");
        JsonNode line = body.get("cost").get("lines").get(0);
        assertThat(line.get("component").asText()).isEqualTo("tts");
        assertThat(line.get("unit").asText()).isEqualTo("characters");
        assertThat(line.get("priced").asBoolean()).isTrue();
        assertThat(body.get("latency").get("voiceToVoice").get("p95Ms").asLong()).isEqualTo(870);
        assertThat(body.get("latency").get("deadAir").asInt()).isEqualTo(2);
        JsonNode metrics = body.get("turnMetrics").get(0);
        assertThat(metrics.get("voiceToVoiceMs").asLong()).isEqualTo(870);
        assertThat(metrics.get("endpointingMs").asLong() + metrics.get("sttMs").asLong() + metrics.get("llmMs").asLong()
                + metrics.get("ttsMs").asLong() + metrics.get("sendMs").asLong()).isEqualTo(870);
        assertThat(metrics.get("interrupted").asBoolean()).isTrue();
        assertThat(metrics.get("firstBotAudioAt").asText()).isEqualTo("2026-03-01T10:15:33.993456Z");
        assertThat(body.get("summary").asText()).isEqualTo("Greeting only.");
        assertThat(body.get("rating").asInt()).isEqualTo(7);
        assertThat(body.get("ratingReasons").asText()).isEqualTo("short call");
        assertThat(body.has("analysis")).isFalse();
        // the post-call reviewer stores its reasons as a JSON array: returned as a list
        store.calls().saveReview(SIP_CALL_ID, new CallReview("Greeting only.", 7, "[\"short\",\"polite\"]",
                T0.plusSeconds(90)));
        JsonNode reasons = body(get("/api/calls/" + SIP_CALL_ID)).get("ratingReasons");
        assertThat(reasons.isArray()).isTrue();
        assertThat(reasons.get(0).asText()).isEqualTo("short");
        assertThat(reasons.get(1).asText()).isEqualTo("polite");

        JsonNode listed = body(get("/api/calls?limit=10")).get("items");
        JsonNode first = listed.get(listed.size() - 1);
        assertThat(first.get("callId").asText()).isEqualTo(SIP_CALL_ID);
        assertThat(first.get("callOutcome").asText()).isEqualTo("COMPLETED");
        assertThat(first.get("costTotal").decimalValue()).isEqualByComparingTo("0.00012");
        assertThat(listed.get(0).get("callOutcome").isNull()).isTrue();

        JsonNode plain = body(get("/api/calls/c-2"));
        assertThat(plain.get("callOutcome").isNull()).isTrue();
        assertThat(plain.get("cost").isNull()).isTrue();
        assertThat(plain.get("turnMetrics")).isEmpty();
        assertThat(plain.get("rating").isNull()).isTrue();
    }

    @Test
    void unknownCallIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/calls/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response)).isEqualTo(json.createObjectNode()
                .put("error", "not_found").put("message", "no call with id nope"));
    }

    @Test
    void unknownPathIsNotFoundAsJson() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        Counter counter = Counter.builder("voxgate.test.events").register(registry);
        counter.increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("voxgate_test_events_total 3.0");
    }

    @Test
    void storeOutageIsServiceUnavailable() throws Exception {
        store.close();

        HttpResponse<String> response = get("/api/calls");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body(response).get("error").asText()).isEqualTo("store_unavailable");
    }

    @Test
    void reportsTheBoundPortAndRefusesASecondStart() {
        assertThat(server.port()).isPositive();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }
}
