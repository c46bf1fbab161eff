package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallerProfileRepository;

/**
 * The served OpenAPI document against the routes a server with every resource registers:
 * an undocumented route, or a documented one nobody serves, fails here.
 */
class OpenApiDocumentTest extends AdminServerTestBase {

    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() {
        store = openStore();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // A server with every optional part switched on; the call control refuses every call,
        // since no call is placed here.
        CallControl noCalls = new CallControl() {
            @Override
            public String place(PlaceCall request) throws CallRefusedException {
                throw new CallRefusedException(503, null, "no SIP stack in this test");
            }

            @Override
            public boolean hangup(String callId) {
                return false;
            }
        };
        Telephony telephony = new Telephony(store.trunks(), store.numbers(), noCalls,
                name -> null, (user, password) -> new String[] {"", ""}, bot -> false, "US", () -> { });
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true), registry,
                store.sipUsers(), store.registrations(), "voxgate.test", Clock.systemUTC(), telephony);
        server.serveRecordings(new CallRecordingFiles() {
            @Override
            public boolean inProgress(String callId) {
                return false;
            }

            @Override
            public Optional<Path> finished(String callId) {
                return Optional.empty();
            }
        });
        server.add(new BookingsApi(store.bookings(), Clock.systemUTC()));
        server.add(new CallerProfilesApi(new CallerProfileRepository(store.dataSource()), "US", Clock.systemUTC()));
        server.add(new BotsApi(noBots()));
        server.add(new CampaignsApi(store, bot -> false, name -> Optional.empty(), "US", Clock.systemUTC(),
                Clock.systemUTC()));
        server.add(new DoNotCallApi(store.doNotCall(), "US", Clock.systemUTC()));
        secure(server).start();
    }

    /**
     * The bots resource's routes with nothing behind them: the real {@link BotConfigs} is the
     * application's catalog (module app, exercised by its BotsApiTest), and no request reaches
     * a bot route here, so every call refuses loudly rather than answering something made up.
     */
    private static BotConfigs noBots() {
        return (BotConfigs) Proxy.newProxyInstance(BotConfigs.class.getClassLoader(), new Class<?>[] {BotConfigs.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException("no bot is read or written in this test: " + method.getName());
                });
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        registry.close();
    }

    /**
     * Every route but the public ones, called as it is registered: without a key it is 401, with
     * a key whose role is too small 403 (the key is checked before the path's values or the body,
     * so placeholder values do).
     */
    @Test
    void everyRouteRefusesAMissingKeyAndARoleTooSmall() throws Exception {
        String viewer = createKey("viewer");
        String operator = createKey("operator");
        int checked = 0;
        for (Map.Entry<String, String> route : new TreeMap<>(server.routes()).entrySet()) {
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            String path = route.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", "x");
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
            switch (route.getValue()) {
                case RouteCatalog.PUBLIC -> {
                    continue;
                }
                case "viewer" -> assertRefused(null, method, path, body);
                case "operator" -> {
                    assertRefused(null, method, path, body);
                    assertRefused(viewer, method, path, body);
                }
                case "admin" -> {
                    assertRefused(null, method, path, body);
                    assertRefused(viewer, method, path, body);
                    assertRefused(operator, method, path, body);
                }
                default -> throw new AssertionError("unknown role " + route.getValue() + " of " + route.getKey());
            }
            checked++;
        }
        assertThat(checked).as("routes checked").isGreaterThan(40);
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneRegistered() {
        Set<String> registered = server.routes().keySet();
        Set<String> documented = server.openApi().operations();
        assertThat(registered).contains("GET /api/calls", "POST /api/keys", "GET /api/openapi.json", "GET /health",
                "GET /api/bookings", "PATCH /api/callers/{phone}", "GET /api/analytics/bots", "GET /api/calls/export.csv",
                "POST /api/calls/{id}/transfer", "POST /api/bots/{name}/versions/{version}/restore");
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("routes missing from admin/src/main/resources/openapi").isEmpty();
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(registered);
        assertThat(unserved).as("documented routes the server does not register").isEmpty();
        assertThat(server.undocumentedRoutes()).isEmpty();
    }

    @Test
    void theDocumentIsServedToViewersAsOpenApi31WithBearerSecurity() throws Exception {
        assertThat(sendAs(null, "GET", "/api/openapi.json", null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = sendAs(createKey("viewer"), "GET", "/api/openapi.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode doc = body(response);
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/schemas/Error/required").toString()).contains("error", "message");
        assertThat(doc.at("/paths/~1health/get/security").isArray()).isTrue();
        assertThat(doc.at("/paths/~1health/get/security")).isEmpty();
        assertThat(doc.at("/paths/~1api~1keys/post/x-role").asText()).isEqualTo("admin");
    }

    @Test
    void theDocumentedRoleOfEveryOperationIsTheOneItIsRegisteredWith() {
        assertThat(server.openApi().roles()).isEqualTo(server.routes());
        assertThat(server.routes()).containsEntry("GET /health", "public")
                .containsEntry("DELETE /api/keys/{id}", "admin").containsEntry("POST /api/calls", "operator");
    }

    @Test
    void everyOperationSaysItsRoleOrIsPublic() {
        JsonNode paths = server.openApi().tree().get("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode operation = op.getValue();
            if (op.getKey().equals("parameters")) {
                // parameters shared by a path's operations: not an operation, but its $refs must resolve too
                assertRefsResolve(server.openApi().tree(), operation, path.getKey() + " parameters");
                return;
            }
            boolean isPublic = operation.has("security") && operation.get("security").isEmpty();
            assertThat(isPublic || Set.of("viewer", "operator", "admin").contains(operation.path("x-role").asText()))
                    .as(op.getKey() + " " + path.getKey()).isTrue();
            // every $ref must resolve, or clients generated from the document break
            assertRefsResolve(server.openApi().tree(), operation, op.getKey() + " " + path.getKey());
        }));
    }

    private static void assertRefsResolve(JsonNode doc, JsonNode node, String where) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                assertThat(doc.at(ref.asText().substring(1)).isMissingNode()).as(where + ": " + ref).isFalse();
                assertRefsResolve(doc, doc.at(ref.asText().substring(1)), where);
            }
            node.properties().forEach(e -> assertRefsResolve(doc, e.getValue(), where));
        } else if (node.isArray()) {
            node.forEach(child -> assertRefsResolve(doc, child, where));
        }
    }

    @Test
    void fragmentsThatClashStopTheMerge() throws Exception {
        ObjectNode base = (ObjectNode) json.readTree("{\"openapi\":\"3.1.0\",\"paths\":{},\"components\":{}}");
        Map<String, JsonNode> twice = new TreeMap<>(Map.of(
                "a.json", json.readTree("{\"paths\":{\"/api/x\":{\"get\":{\"summary\":\"a\"}}}}"),
                "b.json", json.readTree("{\"paths\":{\"/api/x\":{\"get\":{\"summary\":\"b\"},\"post\":{}}}}")));
        assertThatThrownBy(() -> OpenApiDocument.merge(base, twice))
                .hasMessageContaining("GET /api/x").hasMessageContaining("a.json").hasMessageContaining("b.json");

        Map<String, JsonNode> schemas = new TreeMap<>(Map.of(
                "a.json", json.readTree("{\"components\":{\"schemas\":{\"X\":{\"type\":\"string\"}}}}"),
                "b.json", json.readTree("{\"components\":{\"schemas\":{\"X\":{\"type\":\"integer\"}}}}")));
        assertThatThrownBy(() -> OpenApiDocument.merge(base, schemas)).hasMessageContaining("components/schemas/X");

        assertThatThrownBy(() -> OpenApiDocument.merge(base, Map.of("c.json", json.readTree("{\"info\":{}}"))))
                .hasMessageContaining("c.json").hasMessageContaining("info");

        Map<String, JsonNode> fine = new TreeMap<>(Map.of(
                "a.json", json.readTree("{\"paths\":{\"/api/x\":{\"get\":{}}},\"components\":{\"schemas\":{\"X\":{}}}}"),
                "b.json", json.readTree("{\"paths\":{\"/api/x\":{\"post\":{}}},\"components\":{\"schemas\":{\"X\":{}}}}")));
        assertThat(OpenApiDocument.merge(base, fine).at("/paths/~1api~1x").size()).isEqualTo(2);
    }
}
