package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.RegistrationRecord;
import org.voxgate.store.SipUser;

/** /api/sip-users and /api/registrations served for real over an H2 store. */
class SipUsersApiTest extends AdminServerTestBase {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String REALM = "voxgate.test";

    private PrometheusMeterRegistry registry;
    private final java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        store = openStore();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true), registry,
                store.sipUsers(), store.registrations(), REALM, Clock.fixed(NOW, ZoneOffset.UTC));
        server.notifySipUserChanges(new SipUserEvents() {
            @Override public void changed(String username, boolean enabled) {
                events.add("changed " + username + " " + enabled);
            }

            @Override public void removed(String username) { events.add("removed " + username); }
        });
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        registry.close();
    }

    @Test
    void aUserIsCreatedWithHa1sOnlyAndThePasswordIsNeverReturned() throws Exception {
        HttpResponse<String> created = send("POST", "/api/sip-users",
                "{\"username\":\"alice\",\"password\":\"wonderland\",\"displayName\":\"Alice\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/sip-users/alice");
        assertThat(created.body()).doesNotContain("wonderland").doesNotContainIgnoringCase("ha1");
        assertThat(body(created).get("displayName").asText()).isEqualTo("Alice");
        assertThat(body(created).get("enabled").asBoolean()).isTrue();

        SipUser stored = store.sipUsers().find("alice").orElseThrow();
        assertThat(stored.realm()).isEqualTo(REALM);
        assertThat(stored).isEqualTo(SipUser.create("alice", REALM, "wonderland", "Alice", true, stored.createdAt()));

        HttpResponse<String> one = send("GET", "/api/sip-users/alice", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(stored.ha1Md5()).doesNotContain("password");
        JsonNode list = body(send("GET", "/api/sip-users", null));
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("username").asText()).isEqualTo("alice");
    }

    @Test
    void updatesChangeThePasswordHashesAndProfileAndDeleteRemoves() throws Exception {
        send("POST", "/api/sip-users", "{\"username\":\"bob\",\"password\":\"first-pass\"}");
        String before = store.sipUsers().find("bob").orElseThrow().ha1Sha256();
        HttpResponse<String> updated = send("PUT", "/api/sip-users/bob",
                "{\"password\":\"second-pass\",\"enabled\":false,\"displayName\":\"Bob\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        SipUser bob = store.sipUsers().find("bob").orElseThrow();
        assertThat(bob.ha1Sha256()).isNotEqualTo(before);
        assertThat(bob.enabled()).isFalse();
        assertThat(bob.displayName()).isEqualTo("Bob");
        // a profile-only change keeps the hashes
        send("PUT", "/api/sip-users/bob", "{\"enabled\":true}");
        assertThat(store.sipUsers().find("bob").orElseThrow().ha1Sha256()).isEqualTo(bob.ha1Sha256());

        assertThat(send("DELETE", "/api/sip-users/bob", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/sip-users/bob", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/sip-users/bob", null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/sip-users/bob", "{\"enabled\":true}").statusCode()).isEqualTo(404);
        assertThat(events).containsExactly("changed bob true", "changed bob false", "changed bob true", "removed bob");
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        assertField(send("POST", "/api/sip-users", "{\"password\":\"long-enough\"}"), 400, "username");
        assertField(send("POST", "/api/sip-users", "{\"username\":\"a b\",\"password\":\"long-enough\"}"), 400, "username");
        assertField(send("POST", "/api/sip-users", "{\"username\":\"carol\"}"), 400, "password");
        HttpResponse<String> shortPassword = send("POST", "/api/sip-users", "{\"username\":\"carol\",\"password\":\"abc\"}");
        assertField(shortPassword, 400, "password");
        assertThat(shortPassword.body()).doesNotContain("\"abc\"");
        assertField(send("POST", "/api/sip-users", "{\"username\":\"carol\",\"password\":\"long-enough\",\"ha1\":\"x\"}"),
                400, "ha1");
        assertField(send("POST", "/api/sip-users", "{\"username\":\"carol\",\"password\":\"long-enough\",\"enabled\":\"yes\"}"),
                400, "enabled");
        assertField(send("POST", "/api/sip-users", "not json"), 400, "body");
        send("POST", "/api/sip-users", "{\"username\":\"carol\",\"password\":\"long-enough\"}");
        assertField(send("POST", "/api/sip-users", "{\"username\":\"carol\",\"password\":\"long-enough\"}"), 409, "username");
        assertField(send("GET", "/api/sip-users?limit=0", null), 400, "limit");
    }

    private void assertField(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(body(response).get("field").asText()).isEqualTo(field);
    }

    @Test
    void registrationsListLiveBindingsPerUser() throws Exception {
        store.registrations().upsert(new RegistrationRecord("sip:alice@" + REALM, "sip:alice@10.0.0.2:5060",
                "192.0.2.1", 40000, "udp", NOW.plusSeconds(300), "c1", 1, "phone/1", 1.0f, NOW));
        store.registrations().upsert(new RegistrationRecord("sip:alice@" + REALM, "sip:alice@10.0.0.3:5060",
                "192.0.2.1", 40001, "tcp", NOW.minusSeconds(1), "c2", 1, null, 1.0f, NOW));
        store.registrations().upsert(new RegistrationRecord("sip:bob@" + REALM, "sip:bob@192.0.2.9:5060",
                "192.0.2.9", 5060, "udp", NOW.plusSeconds(60), "c3", 1, null, 0.5f, NOW));
        JsonNode all = body(send("GET", "/api/registrations", null));
        assertThat(all.get("total").asInt()).isEqualTo(2);
        JsonNode alice = all.get("items").get(0);
        assertThat(alice.get("username").asText()).isEqualTo("alice");
        assertThat(alice.get("contacts")).hasSize(1);
        assertThat(alice.get("contacts").get(0).get("expiresInSeconds").asInt()).isEqualTo(300);
        assertThat(alice.get("contacts").get(0).get("receivedPort").asInt()).isEqualTo(40000);
        JsonNode bob = body(send("GET", "/api/registrations?username=bob", null));
        assertThat(bob.get("items")).hasSize(1);
        assertThat(bob.get("items").get(0).get("aor").asText()).isEqualTo("sip:bob@" + REALM);
    }
}
