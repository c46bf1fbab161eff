package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.admin.AdminConfig;
import org.voxgate.admin.AdminKeyBootstrap;
import org.voxgate.admin.AdminServer;
import org.voxgate.admin.BotsApi;
import org.voxgate.admin.CallControl;
import org.voxgate.admin.CallRefusedException;
import org.voxgate.admin.Telephony;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/** {@code /api/bots} served for real: an AdminServer on a free port, the real catalog and validator, an H2 store. */
class BotsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Store store;
    private CallRecordWriter writer;
    private AdminServer server;
    private String adminKey;

    /** A bot for the built-in names; never opened here. */
    private record NamedBot(String name) implements Bot {
        @Override
        public BotSession open(CallContext call) {
            return () -> { };
        }
    }

    @BeforeEach
    void start() {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        writer = new CallRecordWriter(store.calls(), dir.resolve("journal"), Clock.systemUTC());
        // wired as Node wires it: the call handler knows built-in and stored bots
        BotCallHandler handler = new BotCallHandler(List.of(new NamedBot("receptionist"), new NamedBot("echo")),
                "receptionist", writer, new SimpleMeterRegistry(), Clock.systemUTC(),
                new CallTransfers("", u -> false, null, Thread.ofVirtual().factory()));
        // Stored bots run as a named bot here: this test is about the API and routing, not the runtime.
        handler.useStoredBots(new StoredBots(store.bots(), v -> new NamedBot(v.name())));
        CallControl noCalls = new CallControl() {
            @Override
            public String place(PlaceCall request) throws CallRefusedException {
                throw new CallRefusedException(503, null, "no calls are placed in this test");
            }

            @Override
            public boolean hangup(String callId) {
                return false;
            }
        };
        Telephony telephony = new Telephony(store.trunks(), store.numbers(), noCalls, name -> null,
                (user, password) -> new String[] {"", ""}, handler::hasBot, "US", () -> { });
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), telephony);
        server.add(new BotsApi(new BotCatalog(store.bots(), new SkillbaseValidator(), handler::builtIn)));
        server.useApiKeys(store.apiKeys(), Clock.systemUTC());
        // the first admin key as a fresh node makes it
        adminKey = AdminKeyBootstrap.ensureAdminKey(store.apiKeys(), null, Clock.systemUTC(), new SecureRandom())
                .orElseThrow();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        writer.close();
        store.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return sendAs(adminKey, method, path, body);
    }

    /** Sends with {@code key} as bearer, or without Authorization when it is null. */
    private HttpResponse<String> sendAs(String key, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static ObjectNode clinic(String greeting) throws IOException {
        ObjectNode doc = SkillbaseValidatorTest.example();
        doc.put("name", "clinic");
        doc.put("greeting", greeting);
        return doc;
    }

    @Test
    void servesTheSchema() throws Exception {
        HttpResponse<String> r = send("GET", "/api/bots/schema", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body(r).path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(body(r).path("properties").has("flow")).isTrue();
    }

    @Test
    void createsGetsListsAndDeletesABot() throws Exception {
        HttpResponse<String> created = send("POST", "/api/bots?comment=first", clinic("Hello").toString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/bots/clinic");
        assertThat(body(created).path("version").asInt()).isEqualTo(1);
        assertThat(body(created).path("comment").asText()).isEqualTo("first");
        assertThat(body(created).path("config")).isEqualTo(clinic("Hello"));

        HttpResponse<String> got = send("GET", "/api/bots/clinic", null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(body(got).path("name").asText()).isEqualTo("clinic");
        assertThat(body(got).path("config").path("greeting").asText()).isEqualTo("Hello");

        send("POST", "/api/bots", "{\"name\":\"partner\",\"mode\":\"bridge\",\"bridge\":{\"url\":\"wss://b.example/x\"}}");
        JsonNode list = body(send("GET", "/api/bots?limit=1", null));
        assertThat(list.path("total").asInt()).isEqualTo(2);
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0).path("name").asText()).isEqualTo("clinic");
        assertThat(list.path("items").get(0).path("mode").asText()).isEqualTo("cascade");
        assertThat(list.path("items").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(list.path("items").get(0).has("updatedAt")).isTrue();
        assertThat(body(send("GET", "/api/bots?offset=1", null)).path("items").get(0).path("name").asText())
                .isEqualTo("partner");

        assertThat(send("DELETE", "/api/bots/clinic", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/bots/clinic", null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/bots/clinic", null).statusCode()).isEqualTo(404);
        assertThat(body(send("GET", "/api/bots", null)).path("total").asInt()).isEqualTo(1);
    }

    @Test
    void anInvalidBotIsRefusedWithEveryProblem() throws Exception {
        ObjectNode doc = clinic("Hi");
        doc.put("colour", "blue");
        doc.with("flow").put("start", "nowhere");
        HttpResponse<String> r = send("POST", "/api/bots", doc.toString());
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode b = body(r);
        assertThat(b.path("error").asText()).isEqualTo("invalid_bot");
        assertThat(b.path("problems").findValuesAsText("path")).containsExactly("/colour", "/flow/start");
        assertThat(send("GET", "/api/bots/clinic", null).statusCode()).isEqualTo(404);
    }

    @Test
    void badBodiesAre400NamingWhatIsWrong() throws Exception {
        assertThat(send("POST", "/api/bots", "").statusCode()).isEqualTo(400);
        HttpResponse<String> malformed = send("POST", "/api/bots", "{\"name\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(body(malformed).path("error").asText()).isEqualTo("bad_request");
        assertThat(send("POST", "/api/bots", "{\"name\":\"a\",\"name\":\"b\",\"mode\":\"bridge\"}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/bots", "[]").statusCode()).isEqualTo(422);
    }

    @Test
    void namesThatExistOrBelongToBuiltInBotsAre409() throws Exception {
        assertThat(send("POST", "/api/bots", clinic("Hi").toString()).statusCode()).isEqualTo(201);
        HttpResponse<String> again = send("POST", "/api/bots", clinic("Hi").toString());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again).path("field").asText()).isEqualTo("name");

        for (String reserved : new String[] {"echo", "receptionist", "schema", "validate"}) {
            ObjectNode doc = clinic("Hi");
            doc.put("name", reserved);
            HttpResponse<String> r = send("POST", "/api/bots", doc.toString());
            assertThat(r.statusCode()).as(reserved).isEqualTo(409);
            assertThat(body(r).path("message").asText()).contains("built-in");
        }
    }

    @Test
    void putSavesANewVersionAndTheNameMustMatch() throws Exception {
        send("POST", "/api/bots", clinic("Hello").toString());
        HttpResponse<String> put = send("PUT", "/api/bots/clinic?comment=warmer", clinic("Welcome").toString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(body(put).path("version").asInt()).isEqualTo(2);
        assertThat(body(send("GET", "/api/bots/clinic", null)).path("config").path("greeting").asText())
                .isEqualTo("Welcome");

        HttpResponse<String> renamed = send("PUT", "/api/bots/clinic", clinic("x").put("name", "other").toString());
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(body(renamed).path("field").asText()).isEqualTo("name");

        ObjectNode broken = clinic("x");
        broken.put("maxCallSeconds", 1);
        HttpResponse<String> invalid = send("PUT", "/api/bots/clinic", broken.toString());
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(body(invalid).path("problems").findValuesAsText("path")).containsExactly("/maxCallSeconds");

        ObjectNode ghost = clinic("x");
        ghost.put("name", "ghost");
        assertThat(send("PUT", "/api/bots/ghost", ghost.toString()).statusCode()).isEqualTo(404);
        assertThat(body(send("GET", "/api/bots/clinic/versions", null)).path("total").asInt()).isEqualTo(2);
    }

    @Test
    void versionsArePagedAndRestoringVersionOneAfterTwoMakesAThirdEqualToTheFirst() throws Exception {
        send("POST", "/api/bots", clinic("Hello").toString());
        send("PUT", "/api/bots/clinic", clinic("Welcome").toString());

        JsonNode versions = body(send("GET", "/api/bots/clinic/versions", null));
        assertThat(versions.path("items").findValuesAsText("version")).containsExactly("2", "1");
        assertThat(body(send("GET", "/api/bots/clinic/versions?offset=1&limit=1", null)).path("items")
                .findValuesAsText("version")).containsExactly("1");
        assertThat(body(send("GET", "/api/bots/clinic/versions/1", null)).path("config").path("greeting").asText())
                .isEqualTo("Hello");

        HttpResponse<String> restored = send("POST", "/api/bots/clinic/versions/1/restore", null);
        assertThat(restored.statusCode()).isEqualTo(201);
        assertThat(body(restored).path("version").asInt()).isEqualTo(3);
        assertThat(body(restored).path("comment").asText()).isEqualTo("restored from version 1");
        JsonNode current = body(send("GET", "/api/bots/clinic", null));
        assertThat(current.path("version").asInt()).isEqualTo(3);
        assertThat(current.path("config")).isEqualTo(body(send("GET", "/api/bots/clinic/versions/1", null)).path("config"));

        assertThat(send("GET", "/api/bots/clinic/versions/9", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/bots/clinic/versions/9/restore", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/bots/ghost/versions/1/restore", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/bots/ghost/versions", null).statusCode()).isEqualTo(404);
        HttpResponse<String> badVersion = send("GET", "/api/bots/clinic/versions/zero", null);
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(body(badVersion).path("field").asText()).isEqualTo("version");
        assertThat(send("GET", "/api/bots/clinic/versions/0", null).statusCode()).isEqualTo(400);
        HttpResponse<String> badLimit = send("GET", "/api/bots/clinic/versions?limit=0", null);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(body(badLimit).path("field").asText()).isEqualTo("limit");
        assertThat(send("GET", "/api/bots?offset=-1", null).statusCode()).isEqualTo(400);
    }

    @Test
    void validateIsADryRun() throws Exception {
        HttpResponse<String> ok = send("POST", "/api/bots/validate", clinic("Hi").toString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(body(ok).path("valid").asBoolean()).isTrue();

        HttpResponse<String> bad = send("POST", "/api/bots/validate", "{\"name\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(body(bad).path("problems").findValuesAsText("path")).containsExactly("/mode");
        assertThat(send("GET", "/api/bots/clinic", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/bots/validate", "nope").statusCode()).isEqualTo(400);
    }

    @Test
    void aRestoredVersionThatNoLongerValidatesIsRefused() throws Exception {
        // written straight to the store, as an older release's rules might have let through
        store.bots().create("old", "{\"name\":\"old\",\"mode\":\"bridge\"}", null, null);
        store.bots().saveVersion("old", "{\"name\":\"old\",\"mode\":\"bridge\",\"bridge\":{\"url\":\"wss://x/y\"}}", null,
                null);
        HttpResponse<String> r = send("POST", "/api/bots/old/versions/1/restore", null);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(body(r).path("problems").findValuesAsText("path")).containsExactly("/bridge/url");
        assertThat(body(send("GET", "/api/bots/old", null)).path("version").asInt()).isEqualTo(2);
    }

    @Test
    void readsAndDryRunsNeedAViewerKeyAndWritesAnAdminKey() throws Exception {
        send("POST", "/api/bots", clinic("Hello").toString());
        String viewer = key("viewer");
        String operator = key("operator");
        String doc = clinic("Welcome").toString();
        for (String path : List.of("/api/bots/schema", "/api/bots", "/api/bots/clinic", "/api/bots/clinic/versions",
                "/api/bots/clinic/versions/1")) {
            assertRefused(null, "GET", path, null, 401);
            assertThat(sendAs(viewer, "GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
        assertRefused(null, "POST", "/api/bots/validate", doc, 401);
        assertThat(sendAs(viewer, "POST", "/api/bots/validate", doc).statusCode()).isEqualTo(200);

        ObjectNode other = clinic("Hi");
        other.put("name", "other");
        for (String key : java.util.Arrays.asList(null, viewer, operator)) {
            int status = key == null ? 401 : 403;
            assertRefused(key, "POST", "/api/bots", other.toString(), status);
            assertRefused(key, "PUT", "/api/bots/clinic", doc, status);
            assertRefused(key, "POST", "/api/bots/clinic/versions/1/restore", null, status);
            assertRefused(key, "DELETE", "/api/bots/clinic", null, status);
        }
        JsonNode clinic = body(send("GET", "/api/bots/clinic", null));
        assertThat(clinic.path("version").asInt()).as("refused writes change nothing").isEqualTo(1);
        assertThat(send("GET", "/api/bots/other", null).statusCode()).isEqualTo(404);
    }

    /** A key with {@code role}, created through the API with the admin key. */
    private String key(String role) throws Exception {
        HttpResponse<String> r = send("POST", "/api/keys", "{\"name\":\"test " + role + "\",\"role\":\"" + role + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return body(r).path("key").asText();
    }

    private void assertRefused(String key, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = sendAs(key, method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        assertThat(body(r).path("error").asText()).isEqualTo(status == 401 ? "unauthorized" : "forbidden");
    }

    @Test
    void numbersMayRouteToAStoredBotOnceItExists() throws Exception {
        String route = "{\"number\":\"+14155550123\",\"bot\":\"clinic\"}";
        HttpResponse<String> before = send("POST", "/api/numbers", route);
        assertThat(before.statusCode()).isEqualTo(400);
        assertThat(body(before).path("field").asText()).isEqualTo("bot");

        send("POST", "/api/bots", clinic("Hello").toString());
        HttpResponse<String> after = send("POST", "/api/numbers", route);
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(body(send("GET", "/api/numbers/+14155550123", null)).path("bot").asText()).isEqualTo("clinic");
    }
}
