package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication, roles and /api/keys on a real server over a real H2 store. */
class ApiKeysApiTest extends AdminServerTestBase {

    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() {
        store = openStore();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true), registry,
                store.sipUsers(), store.registrations(), "voxgate.test", Clock.systemUTC());
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        registry.close();
    }

    private void assertUnauthorized(HttpResponse<String> response, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer realm=\"voxgate\""));
        assertThat(body(response).get("error").asText()).isEqualTo("unauthorized");
        assertThat(body(response).get("field").asText()).isEqualTo("Authorization");
        assertThat(body(response).get("message").asText()).contains(message);
    }

    private HttpResponse<String> withHeader(String authorization) throws Exception {
        return raw(request(null, "/api/calls").header("Authorization", authorization).GET().build());
    }

    @Test
    void aMissingKeyIs401WithABearerChallengeAndChangesNothing() throws Exception {
        assertUnauthorized(sendAs(null, "GET", "/api/calls", null), "an API key is required");
        long keys = store.apiKeys().count();
        assertUnauthorized(sendAs(null, "POST", "/api/keys", "{\"name\":\"x\",\"role\":\"admin\"}"), "required");
        assertThat(store.apiKeys().count()).isEqualTo(keys);
    }

    @Test
    void malformedUnknownAndWrongSecretKeysAre401() throws Exception {
        assertUnauthorized(withHeader("Basic YWxpY2U6d29uZGVybGFuZA=="), "must read Bearer");
        assertUnauthorized(withHeader("Bearer not-a-key"), "malformed API key");
        assertThat(withHeader("Bearer not-a-key").headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"");
        assertUnauthorized(withHeader("Bearer vxg_AAAAAAAA_" + "b".repeat(32)), "unknown API key");
        String id = key.substring(4, 12);
        assertUnauthorized(withHeader("Bearer vxg_" + id + "_" + "c".repeat(32)), "unknown API key");
        // the scheme is case-insensitive (RFC 7235)
        assertThat(withHeader("bearer " + key).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsNeedNoKey() throws Exception {
        assertThat(sendAs(null, "GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(sendAs(null, "GET", "/metrics", null).statusCode()).isEqualTo(200);
        assertThat(raw(request(null, "/health").header("Authorization", "Bearer junk").GET().build()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rolesAreOrderedAndTooSmallARoleIs403() throws Exception {
        String viewer = createKey("viewer");
        String operator = createKey("operator");
        assertThat(sendAs(viewer, "GET", "/api/calls", null).statusCode()).isEqualTo(200);

        HttpResponse<String> viewerWrite = sendAs(viewer, "POST", "/api/sip-users",
                "{\"username\":\"alice\",\"password\":\"wonderland\"}");
        assertThat(viewerWrite.statusCode()).isEqualTo(403);
        assertThat(viewerWrite.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(body(viewerWrite).get("error").asText()).isEqualTo("forbidden");
        assertThat(body(viewerWrite).get("message").asText()).contains("needs the admin role").contains("viewer");
        assertThat(store.sipUsers().find("alice")).isEmpty();

        assertThat(sendAs(operator, "POST", "/api/keys", "{\"name\":\"x\",\"role\":\"viewer\"}").statusCode())
                .isEqualTo(403);
        assertThat(sendAs(operator, "GET", "/api/keys", null).statusCode()).isEqualTo(403);
        assertThat(sendAs(operator, "GET", "/api/sip-users", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/sip-users", "{\"username\":\"alice\",\"password\":\"wonderland\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void aKeyIsShownOnceListedWithoutSecretsAndRevokedAtOnce() throws Exception {
        HttpResponse<String> created = send("POST", "/api/keys", "{\"name\":\"wallboard\",\"role\":\"viewer\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode made = body(created);
        String viewer = made.get("key").asText();
        String id = made.get("id").asText();
        assertThat(viewer).matches("vxg_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}").startsWith("vxg_" + id + "_");
        assertThat(made.get("role").asText()).isEqualTo("viewer");
        assertThat(created.headers().firstValue("Location")).contains("/api/keys/" + id);
        String hash = store.apiKeys().find(id).orElseThrow().keyHash();
        assertThat(hash).hasSize(64).doesNotContain(viewer.substring(13));

        assertThat(sendAs(viewer, "GET", "/api/calls", null).statusCode()).isEqualTo(200);
        assertThat(store.apiKeys().find(id).orElseThrow().lastUsedAt()).isNotNull();

        HttpResponse<String> list = send("GET", "/api/keys", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(viewer).doesNotContain(hash).doesNotContain(key)
                .doesNotContain("\"key\"").doesNotContain("Hash");
        assertThat(body(list).get("total").asInt()).isEqualTo(2);
        assertThat(body(list).get("items").get(1).get("name").asText()).isEqualTo("wallboard");
        assertThat(body(list).get("items").get(1).get("active").asBoolean()).isTrue();
        assertThat(body(send("GET", "/api/keys?offset=1&limit=1", null)).get("items")).hasSize(1);
        assertThat(body(send("GET", "/api/keys?limit=0", null)).get("field").asText()).isEqualTo("limit");
        assertThat(body(send("GET", "/api/keys/" + id, null)).get("name").asText()).isEqualTo("wallboard");
        assertThat(send("GET", "/api/keys/nobody00", null).statusCode()).isEqualTo(404);

        assertThat(send("DELETE", "/api/keys/" + id, null).statusCode()).isEqualTo(204);
        assertUnauthorized(sendAs(viewer, "GET", "/api/calls", null), "was revoked");
        assertThat(body(send("GET", "/api/keys/" + id, null)).get("revokedAt").isNull()).isFalse();
        assertThat(send("DELETE", "/api/keys/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/keys/nobody00", null).statusCode()).isEqualTo(404);
    }

    @Test
    void badKeyInputNamesTheField() throws Exception {
        assertField(send("POST", "/api/keys", "{\"role\":\"viewer\"}"), "name");
        assertField(send("POST", "/api/keys", "{\"name\":\"  \",\"role\":\"viewer\"}"), "name");
        assertField(send("POST", "/api/keys", "{\"name\":\"" + "n".repeat(101) + "\",\"role\":\"viewer\"}"), "name");
        assertField(send("POST", "/api/keys", "{\"name\":\"x\"}"), "role");
        assertField(send("POST", "/api/keys", "{\"name\":\"x\",\"role\":\"root\"}"), "role");
        assertField(send("POST", "/api/keys", "{\"name\":\"x\",\"role\":\"viewer\",\"expires\":1}"), "expires");
        assertThat(send("POST", "/api/keys", "{not json").statusCode()).isEqualTo(400);
        assertThat(store.apiKeys().count()).isEqualTo(1);
    }

    private void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(body(response).get("error").asText()).isEqualTo("bad_request");
        assertThat(body(response).get("field").asText()).isEqualTo(field);
    }

    @Test
    void theLastActiveAdminKeyCannotBeRevoked() throws Exception {
        String firstId = key.substring(4, 12);
        HttpResponse<String> refused = send("DELETE", "/api/keys/" + firstId, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(body(refused).get("field").asText()).isEqualTo("id");
        assertThat(body(refused).get("message").asText()).contains("last active admin key");

        String second = body(send("POST", "/api/keys", "{\"name\":\"ops lead\",\"role\":\"admin\"}")).get("key").asText();
        assertThat(sendAs(second, "DELETE", "/api/keys/" + firstId, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/keys", null).statusCode()).isEqualTo(401);
        assertThat(sendAs(second, "DELETE", "/api/keys/" + second.substring(4, 12), null).statusCode()).isEqualTo(409);
    }
}
