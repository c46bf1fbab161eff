package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallerProfileRepository;

/** /api/callers served for real over an H2 store, with numbers read in region US. */
class CallerProfilesApiTest extends AdminServerTestBase {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @BeforeEach
    void start() {
        store = openStore();
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.add(new CallerProfilesApi(new CallerProfileRepository(store.dataSource()), "US",
                Clock.fixed(NOW, ZoneOffset.UTC)));
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private void inbound(String id, String from, Instant at, String setupOutcome) {
        store.calls().upsert(new CallRecord(id, "inbound", from, "+442071838750", "receptionist", at, at, at.plusSeconds(30),
                "bye", "PCMU", List.of(), setupOutcome, null, 200));
    }

    @Test
    void putCreatesThenReplacesAndGetShowsStats() throws Exception {
        inbound("c1", "4155550123", NOW.minusSeconds(86_400 * 10), "ANSWERED");
        inbound("c2", "+14155550123", NOW.minusSeconds(86_400), "ANSWERED");

        HttpResponse<String> created = send("PUT", "/api/callers/%2B14155550123",
                "{\"displayName\":\"Ann\",\"notes\":\"Prefers mornings\",\"tags\":[\"vip\",\"vip\",\"es\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ann = body(created);
        assertThat(ann.get("phone").asText()).isEqualTo("+14155550123");
        assertThat(ann.get("profile").asBoolean()).isTrue();
        assertThat(ann.get("tags")).isEqualTo(json.readTree("[\"vip\",\"es\"]"));
        assertThat(ann.get("createdAt").asText()).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(ann.get("stats").get("totalCalls").asLong()).isEqualTo(2);
        assertThat(ann.get("stats").get("callsLast7Days").asLong()).isEqualTo(1);
        assertThat(ann.get("stats").get("lastOutcome").asText()).isEqualTo("ANSWERED");

        // the national spelling is the same caller; a raw + in the path too
        HttpResponse<String> replaced = send("PUT", "/api/callers/(415)%20555-0123", "{\"notes\":\"Moved\"}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        JsonNode got = body(get("/api/callers/+14155550123"));
        assertThat(got.get("displayName").isNull()).isTrue();
        assertThat(got.get("notes").asText()).isEqualTo("Moved");
        assertThat(got.get("tags")).isEmpty();
    }

    @Test
    void patchChangesOnlyTheGivenFields() throws Exception {
        send("PUT", "/api/callers/alice", "{\"displayName\":\"Alice\",\"notes\":\"n\",\"tags\":[\"a\"]}");
        HttpResponse<String> patched = send("PATCH", "/api/callers/alice", "{\"tags\":[\"b\",\"c_d\"],\"notes\":null}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode alice = body(patched);
        assertThat(alice.get("displayName").asText()).isEqualTo("Alice");
        assertThat(alice.get("notes").isNull()).isTrue();
        assertThat(alice.get("tags")).isEqualTo(json.readTree("[\"b\",\"c_d\"]"));
        assertThat(send("PATCH", "/api/callers/bob", "{\"notes\":\"x\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void listsPagesAndFiltersByTag() throws Exception {
        send("PUT", "/api/callers/alice", "{\"tags\":[\"vip\"]}");
        send("PUT", "/api/callers/bob", "{\"tags\":[\"new\"]}");
        send("PUT", "/api/callers/%2B34911234567", "{\"tags\":[\"vip\",\"es\"]}");
        JsonNode vip = body(get("/api/callers?tag=vip"));
        assertThat(vip.get("total").asLong()).isEqualTo(2);
        assertThat(vip.get("items").get(0).get("phone").asText()).isEqualTo("+34911234567");
        assertThat(vip.get("items").get(1).get("phone").asText()).isEqualTo("alice");
        JsonNode page = body(get("/api/callers?offset=1&limit=1"));
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("phone").asText()).isEqualTo("alice");
    }

    @Test
    void getGivesAStatsOnlyViewForCallersWithoutAProfileAnd404ForStrangers() throws Exception {
        inbound("c1", "+14155550199", NOW.minusSeconds(60), "BUSY");
        JsonNode view = body(get("/api/callers/%2B14155550199"));
        assertThat(view.get("profile").asBoolean()).isFalse();
        assertThat(view.get("stats").get("totalCalls").asLong()).isEqualTo(1);
        assertThat(view.get("stats").get("lastCallAt").asText()).isEqualTo("2026-11-23T08:59:00Z");
        HttpResponse<String> stranger = get("/api/callers/%2B14155550100");
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(body(stranger).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void deleteRemovesTheProfileOnce() throws Exception {
        send("PUT", "/api/callers/alice", "{}");
        assertThat(send("DELETE", "/api/callers/alice", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/callers/alice", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/callers/alice").statusCode()).isEqualTo(404);
    }

    @Test
    void readsNeedAViewerKeyAndWritesAnOperatorKey() throws Exception {
        inbound("c1", "+14155550199", NOW.minusSeconds(60), "ANSWERED");
        String viewer = createKey("viewer");
        String operator = createKey("operator");
        for (String path : List.of("/api/callers", "/api/callers/%2B14155550199")) {
            assertRefused(null, "GET", path, null);
            assertThat(sendAs(viewer, "GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
        for (String method : List.of("PUT", "PATCH")) {
            assertRefused(null, method, "/api/callers/alice", "{\"notes\":\"x\"}");
            assertRefused(viewer, method, "/api/callers/alice", "{\"notes\":\"x\"}");
        }
        assertRefused(null, "DELETE", "/api/callers/alice", null);
        assertRefused(viewer, "DELETE", "/api/callers/alice", null);
        assertThat(get("/api/callers/alice").statusCode()).as("refused writes store nothing").isEqualTo(404);

        assertThat(sendAs(operator, "PUT", "/api/callers/alice", "{\"notes\":\"x\"}").statusCode()).isEqualTo(201);
        assertThat(sendAs(operator, "PATCH", "/api/callers/alice", "{\"notes\":\"y\"}").statusCode()).isEqualTo(200);
        assertThat(sendAs(operator, "DELETE", "/api/callers/alice", null).statusCode()).isEqualTo(204);
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        assertBad(get("/api/callers/no%20such%20thing!"), "phone");
        assertBad(send("PUT", "/api/callers/1", "{}"), "phone");
        assertBad(send("PUT", "/api/callers/alice", "{\"tags\":[\"Not OK\"]}"), "tags");
        assertBad(send("PUT", "/api/callers/alice", "{\"colour\":\"red\"}"), "colour");
        assertBad(send("PUT", "/api/callers/alice", "{\"notes\":\"" + "x".repeat(4_001) + "\"}"), "notes");
        assertBad(send("PUT", "/api/callers/alice", "{\"displayName\":\"" + "x".repeat(256) + "\"}"), "displayName");
        assertBad(send("PUT", "/api/callers/alice", "{\"tags\":\"vip\"}"), "tags");
        send("PUT", "/api/callers/alice", "{}");
        assertBad(send("PATCH", "/api/callers/alice", "{\"notes\":5}"), "notes");
        assertBad(send("PATCH", "/api/callers/alice", "{\"tags\":[1]}"), "tags");
        assertBad(send("PATCH", "/api/callers/alice", "{\"age\":5}"), "age");
        assertBad(get("/api/callers?tag=VIP"), "tag");
        assertBad(get("/api/callers?limit=501"), "limit");
        HttpResponse<String> noBody = send("PATCH", "/api/callers/alice", "");
        assertThat(noBody.statusCode()).isEqualTo(400);
    }

    private void assertBad(HttpResponse<String> r, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(body(r).get("field").asText()).isEqualTo(field);
    }
}
