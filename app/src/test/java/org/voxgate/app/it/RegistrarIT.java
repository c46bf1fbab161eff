package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registrar end to end: SIP users made through the API, SIPp registering with MD5 digest
 * (register, refresh, unregister by Expires 0 and by *), a wrong password challenged again,
 * 423 below Min-Expires, SHA-256 and an exact nonce-count replay by our own small client,
 * bindings that survive a restart and show in GET /api/registrations, a deleted user's
 * bindings removed at once, and a registration over TCP.
 */
class RegistrarIT {
    /** SIPp answers the first challenge and knows only MD5, so MD5 is offered first here. */
    private static final Map<String, String> ENV = Map.of("VOXGATE_SIP_DIGEST_ALGORITHMS", "md5,sha-256",
            "VOXGATE_SIP_REALM", "voxgate.it", "VOXGATE_REGISTRAR_MIN_EXPIRES_SECONDS", "60",
            "VOXGATE_REGISTRAR_MAX_EXPIRES_SECONDS", "3600");
    private static final String ALICE_1 = "<sip:alice@127.0.0.1:5991>";
    private static final String ALICE_2 = "<sip:alice@127.0.0.1:5992>";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void registerRefreshUnregisterAndSurviveARestart() throws Exception {
        Path work = Files.createTempDirectory("voxgate-registrar-it");
        Path node = work.resolve("node");
        try (VoxgateProcess server = new VoxgateProcess(node, ENV).start()) {
            assertThat(post(server, "/api/sip-users", "{\"username\":\"alice\",\"password\":\"alice-secret\"}").statusCode())
                    .isEqualTo(201);
            assertThat(post(server, "/api/sip-users", "{\"username\":\"bob\",\"password\":\"bob-secret\"}").statusCode())
                    .isEqualTo(201);

            sipp(server, work, "uac-register.xml", "alice", "alice-secret", 600, ALICE_1);
            JsonNode alice = contactsOf(server, "alice");
            assertThat(alice).hasSize(1);
            assertThat(alice.get(0).path("contact").asText()).isEqualTo("sip:alice@127.0.0.1:5991");
            assertThat(alice.get(0).path("expiresInSeconds").asInt()).isBetween(590, 600);
            assertThat(alice.get(0).path("userAgent").asText()).isEqualTo("SIPp");

            // a second contact for the same user, refreshed on its Call-ID (and once more
            // reusing the nonce with a higher nonce-count)
            sipp(server, work, "uac-register-refresh.xml", "alice", "alice-secret", 900, ALICE_2);
            alice = contactsOf(server, "alice");
            assertThat(alice).hasSize(2);
            assertThat(alice.findValues("contact")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("sip:alice@127.0.0.1:5991", "sip:alice@127.0.0.1:5992");

            sipp(server, work, "uac-register-bad-password.xml", "bob", "not-bobs", 600, "<sip:bob@127.0.0.1:5993>");
            assertThat(contactsOf(server, "bob")).isEmpty();
            sipp(server, work, "uac-register-too-brief.xml", "bob", "bob-secret", 30, "<sip:bob@127.0.0.1:5993>");
            assertThat(contactsOf(server, "bob")).isEmpty();
            assertThat(server.logText()).contains("wrong response (bad password)");

            sha256RegisterAndReplay(server);
            assertThat(contactsOf(server, "bob")).hasSize(1);
            assertThat(server.metric("voxgate_registrations_active")).isEqualTo(3.0);
        }
        try (VoxgateProcess restarted = new VoxgateProcess(node, ENV).start()) {
            assertThat(contactsOf(restarted, "alice")).hasSize(2);
            assertThat(contactsOf(restarted, "bob")).hasSize(1);
            assertThat(restarted.logText()).contains("3 binding(s) restored from the store");

            sipp(restarted, work, "uac-register.xml", "alice", "alice-secret", 0, ALICE_1);
            assertThat(contactsOf(restarted, "alice").findValues("contact")).extracting(JsonNode::asText)
                    .containsExactly("sip:alice@127.0.0.1:5992");
            sipp(restarted, work, "uac-register.xml", "alice", "alice-secret", 0, "*");
            assertThat(contactsOf(restarted, "alice")).isEmpty();
            assertThat(contactsOf(restarted, "bob")).hasSize(1);

            // deleting a user removes its registrations at once
            assertThat(delete(restarted, "/api/sip-users/bob").statusCode()).isEqualTo(204);
            assertThat(contactsOf(restarted, "bob")).isEmpty();

            // over TCP: the binding remembers the transport to reach the phone by
            assertThat(post(restarted, "/api/sip-users", "{\"username\":\"carol\",\"password\":\"carol-secret\"}")
                    .statusCode()).isEqualTo(201);
            sippOver(restarted, work, "t1", "uac-register.xml", "carol", "carol-secret", 600, "<sip:carol@127.0.0.1:5995>");
            JsonNode carol = contactsOf(restarted, "carol");
            assertThat(carol).hasSize(1);
            assertThat(carol.get(0).path("transport").asText()).isEqualTo("tcp");
            assertThat(restarted.metric("voxgate_registrations_active")).isEqualTo(1.0);
        }
    }

    /**
     * Bob registers answering the SHA-256 challenge; sending that very request again (a new
     * transaction, same nonce and nonce-count) is refused with a fresh, stale challenge.
     */
    private static void sha256RegisterAndReplay(VoxgateProcess server) throws Exception {
        try (DigestRegisterClient client = new DigestRegisterClient(server.sipPort)) {
            String first = client.register("bob", "<sip:bob@127.0.0.1:5994>", 300, "");
            String challengeResponse = client.exchange(first);
            assertThat(DigestRegisterClient.status(challengeResponse)).isEqualTo(401);
            List<String> offered = DigestRegisterClient.challenges(challengeResponse);
            assertThat(offered).extracting(c -> DigestRegisterClient.param(c, "algorithm"))
                    .containsExactly("MD5", "SHA-256");
            String sha256 = offered.stream().filter(c -> c.contains("SHA-256")).findFirst().orElseThrow();
            String authorized = client.register("bob", "<sip:bob@127.0.0.1:5994>", 300,
                    client.authorization(sha256, "bob", "bob-secret", 1));
            String ok = client.exchange(authorized);
            assertThat(DigestRegisterClient.status(ok)).as(ok).isEqualTo(200);
            assertThat(ok).contains("<sip:bob@127.0.0.1:5994>;expires=300");

            String replayed = client.exchange(DigestRegisterClient.withNewBranch(authorized));
            assertThat(DigestRegisterClient.status(replayed)).as(replayed).isEqualTo(401);
            assertThat(DigestRegisterClient.challenges(replayed)).allSatisfy(c -> assertThat(c).contains("stale=true"));
            assertThat(server.logText()).contains("replayed or not increasing");
        }
    }

    private static void sipp(VoxgateProcess server, Path work, String scenario, String user, String password,
            int expires, String contact) throws Exception {
        sippOver(server, work, "u1", scenario, user, password, expires, contact);
    }

    /** SIPp over a transport ({@code u1} UDP, {@code t1} TCP) from a free port. */
    private static void sippOver(VoxgateProcess server, Path work, String transport, String scenario, String user,
            String password, int expires, String contact) throws Exception {
        Path dir = work.resolve("sipp-" + scenario + "-" + System.nanoTime());
        Sipp.Result result = Sipp.scenario(scenario, server.sipPort, dir)
                .arg("-p", Integer.toString(FreePorts.udpAndTcp()), "-t", transport)
                .inject(List.of(user + ";[authentication username=" + user + " password=" + password + "];" + expires
                        + ";" + contact))
                .start(1, 30).await();
        assertThat(result.exitCode()).as(scenario + "\n" + result.describe() + "\n" + server.logText()).isZero();
    }

    /** The live contacts GET /api/registrations shows for one user (empty array when none). */
    private static JsonNode contactsOf(VoxgateProcess server, String user) throws Exception {
        JsonNode listing = server.getJson("/api/registrations?username=" + user);
        JsonNode items = listing.path("items");
        return items.isEmpty() ? items : items.get(0).path("contacts");
    }

    private HttpResponse<String> delete(VoxgateProcess server, String path) throws Exception {
        HttpRequest request = server.request(path)
                .timeout(Duration.ofSeconds(10)).DELETE().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(VoxgateProcess server, String path, String json) throws Exception {
        HttpRequest request = server.request(path)
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
