package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.Trunk;

/** /api/campaigns and /api/do-not-call served for real over an H2 store. */
class CampaignsApiTest extends AdminServerTestBase {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant CAMPAIGN_NOW = Instant.parse("2026-12-01T09:30:00Z");

    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() {
        store = openStore();
        store.trunks().insert(trunk("carrier", 2, 3, "GB"));
        store.trunks().insert(trunk("open", 0, 0, "US"));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true), registry);
        server.add(new CampaignsApi(store, Set.of("sales")::contains, store.trunks()::find, "US",
                Clock.fixed(NOW, ZoneOffset.UTC), Clock.fixed(CAMPAIGN_NOW, ZoneOffset.UTC)));
        server.add(new DoNotCallApi(store.doNotCall(), "GB", Clock.fixed(NOW, ZoneOffset.UTC)));
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        registry.close();
    }

    static Trunk trunk(String name, int cps, int maxCalls, String region) {
        return new Trunk(name, "sip.example.com", 5060, "udp", List.of(), null, null, null, null, null, false, 3600,
                null, null, region, List.of("PCMA"), maxCalls, cps, null, true);
    }

    private static String campaign(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"bot\":\"sales\",\"trunk\":\"carrier\",\"timeZone\":\"Europe/London\""
                + extra + "}";
    }

    private HttpResponse<String> upload(String campaign, String csv, String type) throws Exception {
        return raw(request(key, "/api/campaigns/" + campaign + "/contacts").header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    private void assertError(HttpResponse<String> r, int status, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode b = body(r);
        assertThat(b.path("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(b.get("message").asText()).isNotBlank();
    }

    @Test
    void createsWithDefaultsAndShowsPacingCappedByTheTrunk() throws Exception {
        HttpResponse<String> r = send("POST", "/api/campaigns", campaign("winter", ",\"pacing\":{\"callsPerSecond\":10},"
                + "\"windows\":[{\"days\":[\"mon\",\"Tuesday\"],\"start\":\"09:00\",\"end\":\"17:30\"}],"
                + "\"retry\":{\"noAnswer\":{\"delaySeconds\":3600,\"maxAttempts\":3}},"
                + "\"voicemail\":{\"action\":\"leave_message\",\"message\":\"Please call us back\"},"
                + "\"startDate\":\"2026-12-01\",\"endDate\":\"2026-12-24\""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode c = body(r);
        assertThat(c.get("state").asText()).isEqualTo("draft");
        assertThat(c.get("id").asText()).hasSize(36);
        assertThat(c.at("/pacing/callsPerSecond").asInt()).isEqualTo(10);
        assertThat(c.at("/pacing/maxConcurrent").asInt()).isEqualTo(5);
        assertThat(c.at("/effectivePacing/callsPerSecond").asInt()).isEqualTo(2);
        assertThat(c.at("/effectivePacing/maxConcurrent").asInt()).isEqualTo(3);
        assertThat(c.at("/effectivePacing/limitedBy").asText()).isEqualTo("trunk");
        assertThat(c.at("/windows/0/days").toString()).isEqualTo("[\"MON\",\"TUE\"]");
        assertThat(c.at("/windows/0/end").asText()).isEqualTo("17:30");
        assertThat(c.at("/retry/noAnswer/maxAttempts").asInt()).isEqualTo(3);
        assertThat(c.at("/retry/busy").isMissingNode()).isTrue();
        assertThat(c.at("/voicemail/action").asText()).isEqualTo("leave_message");
        assertThat(c.at("/amd/enabled").asBoolean()).isTrue();
        assertThat(c.at("/amd/classifier").asText()).isEqualTo("none");
        assertThat(c.get("startDate").asText()).isEqualTo("2026-12-01");
        assertThat(Instant.parse(c.get("createdAt").asText())).isEqualTo(NOW);

        // By name and by id; listed with a state filter.
        assertThat(body(get("/api/campaigns/winter")).get("id").asText()).isEqualTo(c.get("id").asText());
        assertThat(get("/api/campaigns/" + c.get("id").asText()).statusCode()).isEqualTo(200);
        assertThat(body(get("/api/campaigns?state=draft")).get("total").asInt()).isEqualTo(1);
        assertThat(body(get("/api/campaigns?state=running")).get("total").asInt()).isZero();
        assertError(get("/api/campaigns?state=flying"), 400, "state");
        assertThat(get("/api/campaigns/nope").statusCode()).isEqualTo(404);

        // On a trunk without limits, nothing is capped.
        HttpResponse<String> open = send("POST", "/api/campaigns", campaign("open", "").replace("carrier", "open"));
        assertThat(body(open).at("/effectivePacing/callsPerSecond").asInt()).isEqualTo(1);
        assertThat(body(open).at("/effectivePacing/limitedBy").isNull()).isTrue();
    }

    @Test
    void badFieldsAreNamedByPath() throws Exception {
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"pacing\":{\"callsPerSecond\":0}")), 400,
                "pacing.callsPerSecond");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"pacing\":{\"maxConcurrent\":\"5\"}")), 400,
                "pacing.maxConcurrent");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"pacing\":{\"cps\":5}")), 400, "pacing.cps");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"windows\":[{\"days\":[\"MON\"],\"start\":\"09:00\","
                + "\"end\":\"17:00\"},{\"days\":[\"SAT\"],\"start\":\"12:00\",\"end\":\"10:00\"}]")), 400, "windows[1].end");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"windows\":[{\"days\":[\"FUNDAY\"],\"start\":\"09:00\","
                + "\"end\":\"17:00\"}]")), 400, "windows[0].days");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"windows\":[{\"days\":[\"MON\"],\"start\":\"9am\","
                + "\"end\":\"17:00\"}]")), 400, "windows[0].start");
        assertError(send("POST", "/api/campaigns", campaign("a",
                ",\"retry\":{\"noAnswer\":{\"delaySeconds\":60,\"maxAttempts\":50}}")), 400, "retry.noAnswer.maxAttempts");
        assertError(send("POST", "/api/campaigns", campaign("a",
                ",\"retry\":{\"busy\":{\"delaySeconds\":60}}")), 400, "retry.busy.maxAttempts");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"retry\":{\"completed\":{}}")), 400,
                "retry.completed");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"voicemail\":{\"action\":\"leave_message\"}")), 400,
                "voicemail.message");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"amd\":{\"classifier\":\"magic\"}")), 400,
                "amd.classifier");
        assertError(send("POST", "/api/campaigns", campaign("a", ",\"startDate\":\"2026-12-10\",\"endDate\":"
                + "\"2026-12-01\"")), 400, "endDate");
        assertError(send("POST", "/api/campaigns", campaign("a", "").replace("Europe/London", "Mars/Olympus")), 400,
                "timeZone");
        assertError(send("POST", "/api/campaigns", "{\"bot\":\"sales\",\"trunk\":\"carrier\",\"timeZone\":\"UTC\"}"),
                400, "name");
        assertError(send("POST", "/api/campaigns", campaign("a", "").replace("sales", "ghost")), 422, "bot");
        assertError(send("POST", "/api/campaigns", campaign("a", "").replace("carrier", "ghost")), 422, "trunk");
        assertThat(body(get("/api/campaigns")).get("total").asInt()).isZero();

        assertThat(send("POST", "/api/campaigns", campaign("a", "")).statusCode()).isEqualTo(201);
        assertError(send("POST", "/api/campaigns", campaign("a", "")), 409, "name");
    }

    @Test
    void lifecycleFromDraftToStoppedWithContacts() throws Exception {
        String id = body(send("POST", "/api/campaigns", campaign("spring", ""))).get("id").asText();
        assertError(send("POST", "/api/campaigns/spring/start", null), 409, "contacts");
        assertError(send("POST", "/api/campaigns/spring/pause", null), 409, "state");

        assertThat(send("POST", "/api/do-not-call", "{\"phone\":\"07700 900009\",\"reason\":\"asked\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> up = upload("spring", "\uFEFFPhone,Name,plan\r\n07700 900001,Ann,gold\r\n"
                + "07700 900002,Bob,silver\r\nnonsense,Cy,\r\n07700 900009,Dee,\r\n07700 900001,Ann again,\r\n",
                "text/csv; charset=utf-8");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        JsonNode u = body(up);
        assertThat(u.get("added").asInt()).isEqualTo(2);
        assertThat(u.get("skipped")).isEmpty();
        assertThat(u.get("rejected")).hasSize(3);
        assertThat(u.at("/rejected/0/line").asInt()).isEqualTo(4);
        assertThat(u.at("/rejected/0/field").asText()).isEqualTo("phone");
        assertThat(u.at("/rejected/1/message").asText()).contains("do-not-call");
        assertThat(u.at("/rejected/2/message").asText()).contains("duplicate of line 2");
        // Again: the store skips the numbers it has.
        JsonNode again = body(upload(id, "phone\n+447700900001\n+447700900003\n", "text/csv"));
        assertThat(again.get("added").asInt()).isEqualTo(1);
        assertThat(again.at("/skipped/0/line").asInt()).isEqualTo(2);
        assertError(upload("spring", "phone\n07700 900004\n", "application/json"), 415, "Content-Type");
        assertError(upload("spring", "name\nAnn\n", "text/csv"), 400, "header");

        JsonNode contacts = body(get("/api/campaigns/spring/contacts?status=pending"));
        assertThat(contacts.get("total").asInt()).isEqualTo(3);
        JsonNode ann = contacts.at("/items/0");
        assertThat(ann.get("phone").asText()).isEqualTo("+447700900001");
        assertThat(ann.at("/variables/plan").asText()).isEqualTo("gold");
        assertThat(ann.get("sourceLine").asInt()).isEqualTo(2);
        JsonNode detail = body(get("/api/campaigns/spring/contacts/" + ann.get("id").asLong()));
        assertThat(detail.at("/attempts/0/state").asText()).isEqualTo("queued");
        assertThat(Instant.parse(detail.at("/attempts/0/dueAt").asText())).isEqualTo(CAMPAIGN_NOW);
        assertThat(get("/api/campaigns/spring/contacts/999999").statusCode()).isEqualTo(404);
        assertError(get("/api/campaigns/spring/contacts/abc"), 400, "contactId");

        HttpResponse<String> started = send("POST", "/api/campaigns/spring/start", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(body(started).get("state").asText()).isEqualTo("running");
        assertThat(Instant.parse(body(started).get("startedAt").asText())).isEqualTo(NOW);
        assertError(send("PUT", "/api/campaigns/spring", campaign("spring", "")), 409, "state");
        assertError(send("DELETE", "/api/campaigns/spring", null), 409, "state");
        assertError(send("POST", "/api/campaigns/spring/start", null), 409, "state");
        assertThat(body(send("POST", "/api/campaigns/spring/pause", null)).get("state").asText()).isEqualTo("paused");
        HttpResponse<String> edited = send("PUT", "/api/campaigns/spring",
                campaign("spring-2", ",\"pacing\":{\"callsPerSecond\":1,\"maxConcurrent\":2}"));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(body(edited).get("name").asText()).isEqualTo("spring-2");
        assertThat(body(edited).get("state").asText()).isEqualTo("paused");
        assertThat(body(send("POST", "/api/campaigns/" + id + "/resume", null)).get("state").asText())
                .isEqualTo("running");

        // Ann's first attempt ended as a conversation before the stop.
        sql("UPDATE call_tasks SET state = 'done', outcome = 'COMPLETED', call_id = 'call-ann',"
                + " ended_at = TIMESTAMP WITH TIME ZONE '2026-12-01 09:40:00+00' WHERE contact_id = "
                + ann.get("id").asLong());
        sql("UPDATE campaign_contacts SET status = 'done', outcome = 'COMPLETED', attempts = 1 WHERE id = "
                + ann.get("id").asLong());
        HttpResponse<String> stopped = send("POST", "/api/campaigns/" + id + "/stop", null);
        assertThat(body(stopped).get("state").asText()).isEqualTo("stopped");
        assertError(send("POST", "/api/campaigns/" + id + "/resume", null), 409, "state");
        assertError(upload(id, "phone\n07700 900004\n", "text/csv"), 409, "state");

        JsonNode results = body(get("/api/campaigns/" + id + "/results"));
        assertThat(results.at("/figures/contactsByOutcome/STOPPED").asInt()).isEqualTo(2);
        assertThat(results.at("/figures/contactsByOutcome/COMPLETED").asInt()).isEqualTo(1);
        assertThat(results.at("/figures/attemptsEnded").asInt()).isEqualTo(1);
        assertThat(results.at("/figures/connectRate").asDouble()).isEqualTo(1.0);
        assertThat(results.at("/figures/progress/total").asInt()).isEqualTo(3);
        assertThat(results.at("/figures/progress/done").asInt()).isEqualTo(3);

        HttpResponse<String> csv = get("/api/campaigns/" + id + "/results.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).containsExactly(
                "phone,name,status,outcome,attempts,lastCallId,lastAttemptEndedAt,plan",
                "+447700900001,Ann,done,COMPLETED,1,call-ann,2026-12-01T09:40:00Z,gold",
                "+447700900002,Bob,done,STOPPED,0,,,silver",
                "+447700900003,,done,STOPPED,0,,,");

        assertThat(send("DELETE", "/api/campaigns/" + id, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/campaigns/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aContactListOverTheJsonLimitUploadsWhileJsonStaysLimited() throws Exception {
        send("POST", "/api/campaigns", campaign("big", ""));
        StringBuilder csv = new StringBuilder("phone,notes\n");
        String notes = "n".repeat(400);
        for (int i = 0; i < 3_000; i++) {
            csv.append(String.format("07700 9%05d,%s\n", i, notes));
        }
        assertThat(csv.length()).isGreaterThan(1_100_000);
        HttpResponse<String> r = upload("big", csv.toString(), "text/csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("added").asInt()).isEqualTo(3_000);

        // No charset given: UTF-8.
        HttpResponse<String> zoe = raw(request(key, "/api/campaigns/big/contacts").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("phone,name\n+442079460099,Zoë Ñúñez\n",
                        java.nio.charset.StandardCharsets.UTF_8)).build());
        assertThat(body(zoe).get("added").asInt()).as(zoe.body()).isEqualTo(1);
        assertThat(body(get("/api/campaigns/big/contacts?offset=3000")).at("/items/0/name").asText())
                .isEqualTo("Zoë Ñúñez");

        String bigJson = campaign("x", ",\"callerId\":\"" + "1".repeat(1_100_000) + "\"");
        assertThat(send("POST", "/api/campaigns", bigJson).statusCode()).isEqualTo(413);
    }

    @Test
    void doNotCallListAddsNormalizedNumbersOnceAndRemovesThem() throws Exception {
        HttpResponse<String> added = send("POST", "/api/do-not-call", "{\"phone\":\"020 7946 0018\",\"reason\":\"x\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(body(added).get("phone").asText()).isEqualTo("+442079460018");
        assertThat(Instant.parse(body(added).get("createdAt").asText())).isEqualTo(NOW);
        HttpResponse<String> again = send("POST", "/api/do-not-call", "{\"phone\":\"+44 20 7946 0018\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).get("added").asBoolean()).isFalse();
        assertError(send("POST", "/api/do-not-call", "{\"phone\":\"hello\"}"), 400, "phone");
        assertError(send("POST", "/api/do-not-call", "{\"reason\":\"x\"}"), 400, "phone");

        JsonNode page = body(get("/api/do-not-call"));
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.at("/items/0/reason").asText()).isEqualTo("x");

        assertThat(send("DELETE", "/api/do-not-call/020%207946%200018", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/do-not-call/+442079460018", null).statusCode()).isEqualTo(404);
    }

    @Test
    void viewersReadButDoNotChange() throws Exception {
        send("POST", "/api/campaigns", campaign("c", ""));
        String viewer = createKey("viewer");
        assertThat(sendAs(viewer, "GET", "/api/campaigns/c", null).statusCode()).isEqualTo(200);
        assertThat(sendAs(viewer, "GET", "/api/campaigns/c/results", null).statusCode()).isEqualTo(200);
        assertRefused(viewer, "POST", "/api/campaigns", campaign("d", ""));
        assertRefused(viewer, "POST", "/api/campaigns/c/start", null);
        assertRefused(viewer, "POST", "/api/do-not-call", "{\"phone\":\"+442079460018\"}");
        assertRefused(null, "GET", "/api/campaigns", null);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
