package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.Trunk;

/** /api/trunks, /api/numbers and placing calls, served for real over an H2 store. */
class TelephonyApiTest extends AdminServerTestBase {
    private final List<CallControl.PlaceCall> placed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        store = openStore();
        CallControl calls = new CallControl() {
            @Override
            public String place(PlaceCall request) throws CallRefusedException {
                if (request.trunk() != null && request.trunk().equals("full")) {
                    throw new CallRefusedException(429, "trunk", "trunk full is at its limit of 2 concurrent calls");
                }
                placed.add(request);
                return "call-" + placed.size();
            }

            @Override public boolean hangup(String callId) { return callId.equals("call-1"); }
        };
        Telephony telephony = new Telephony(store.trunks(), store.numbers(), calls,
                name -> new TrunkLiveState("up", 200, null, "disabled", null, null, 0),
                (user, password) -> new String[] {"md5-" + user, "sha-" + user}, Set.of("echo", "receptionist")::contains,
                "US", () -> { });
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), telephony);
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void trunkSecretsAreWriteOnlyAndHashedInbound() throws Exception {
        HttpResponse<String> created = send("POST", "/api/trunks", """
                {"name":"carrier","peerHost":"127.0.0.1","peerPort":5080,"inboundSources":["10.0.0.0/8"],
                 "inboundUsername":"in","inboundPassword":"pw-in","outboundUsername":"out","outboundSecret":"pw-out",
                 "register":true,"defaultRegion":"gb","codecs":["pcma"],"maxCalls":2,"callsPerSecond":1,
                 "defaultBot":"echo"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("pw-in").doesNotContain("pw-out").doesNotContain("md5-");
        JsonNode view = body(send("GET", "/api/trunks/carrier", null));
        assertThat(view.get("outboundSecretSet").asBoolean()).isTrue();
        assertThat(view.get("inboundPasswordSet").asBoolean()).isTrue();
        assertThat(view.get("defaultRegion").asText()).isEqualTo("GB");
        assertThat(view.get("live").get("options").asText()).isEqualTo("up");

        Trunk stored = store.trunks().find("carrier").orElseThrow();
        assertThat(stored.inboundHa1Md5()).isEqualTo("md5-in");
        assertThat(stored.outboundSecret()).isEqualTo("pw-out");

        // PUT without secrets keeps them
        HttpResponse<String> replaced = send("PUT", "/api/trunks/carrier", """
                {"peerHost":"127.0.0.1","inboundUsername":"in","outboundUsername":"out","register":true,"maxCalls":5}""");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(store.trunks().find("carrier").orElseThrow().outboundSecret()).isEqualTo("pw-out");
        assertThat(store.trunks().find("carrier").orElseThrow().inboundHa1Sha256()).isEqualTo("sha-in");

        assertThat(send("POST", "/api/trunks", "{\"name\":\"carrier\"}").statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/trunks/carrier", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/trunks/carrier", null).statusCode()).isEqualTo(404);
    }

    @Test
    void badTrunkFieldsAreNamed() throws Exception {
        assertField(send("POST", "/api/trunks", "{\"name\":\"x\",\"inboundSources\":[\"carrier.example\"]}"), "inboundSources");
        assertField(send("POST", "/api/trunks", "{\"name\":\"x\",\"codecs\":[\"G729\"]}"), "codecs");
        assertField(send("POST", "/api/trunks", "{\"name\":\"x\",\"peerPort\":\"abc\"}"), "peerPort");
        assertField(send("POST", "/api/trunks", "{\"name\":\"x\",\"colour\":\"red\"}"), "colour");
        assertField(send("POST", "/api/trunks", "{\"name\":\"x\",\"register\":true}"), "register");
        assertField(send("POST", "/api/trunks", "{\"name\":\"bad name\"}"), "name");
        assertField(send("POST", "/api/trunks", "{\"name\":\"x\",\"defaultBot\":\"nobody\"}"), "defaultBot");
        assertField(send("POST", "/api/trunks", "{\"name\":\"x\",\"defaultRegion\":\"XX\"}"), "defaultRegion");
    }

    private void assertField(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(body(response).get("field").asText()).isEqualTo(field);
    }

    @Test
    void numbersAreNormalizedInTheirTrunksRegion() throws Exception {
        send("POST", "/api/trunks", "{\"name\":\"uk\",\"defaultRegion\":\"GB\"}");
        HttpResponse<String> created = send("POST", "/api/numbers",
                "{\"number\":\"020 7123 4567\",\"bot\":\"echo\",\"trunk\":\"uk\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(body(created).get("number").asText()).isEqualTo("+442071234567");
        assertThat(send("POST", "/api/numbers", "{\"number\":\"+44 20 7123 4567\",\"bot\":\"echo\"}").statusCode())
                .isEqualTo(409);
        assertThat(send("POST", "/api/numbers", "{\"number\":\"(415) 555-0123\",\"bot\":\"receptionist\"}").statusCode())
                .isEqualTo(201);
        assertThat(body(send("GET", "/api/numbers/+14155550123", null)).get("bot").asText()).isEqualTo("receptionist");
        assertThat(send("PUT", "/api/numbers/+14155550123", "{\"bot\":\"echo\"}").statusCode()).isEqualTo(200);
        assertThat(body(send("GET", "/api/numbers", null))).hasSize(2);
        assertField(send("POST", "/api/numbers", "{\"number\":\"echo\",\"bot\":\"echo\"}"), "number");
        assertField(send("POST", "/api/numbers", "{\"number\":\"+14155550100\",\"bot\":\"nobody\"}"), "bot");
        assertField(send("POST", "/api/numbers", "{\"number\":\"+14155550100\",\"bot\":\"echo\",\"trunk\":\"nope\"}"), "trunk");
        assertThat(send("DELETE", "/api/numbers/%2B14155550123", null).statusCode()).isEqualTo(204);
    }

    @Test
    void extensionsAreStoredAsWrittenWhileNumbersAreNormalized() throws Exception {
        HttpResponse<String> ext = send("POST", "/api/numbers", "{\"number\":\"4000\",\"bot\":\"echo\"}");
        assertThat(ext.statusCode()).as(ext.body()).isEqualTo(201);
        assertThat(body(ext).get("number").asText()).isEqualTo("4000");
        HttpResponse<String> feature = send("POST", "/api/numbers", "{\"number\":\"*98\",\"bot\":\"receptionist\"}");
        assertThat(feature.statusCode()).as(feature.body()).isEqualTo(201);
        assertThat(body(send("GET", "/api/numbers/*98", null)).get("bot").asText()).isEqualTo("receptionist");
        assertThat(send("POST", "/api/numbers", "{\"number\":\"4000\",\"bot\":\"echo\"}").statusCode()).isEqualTo(409);
        assertThat(body(send("POST", "/api/numbers", "{\"number\":\"+1 415 555 0123\",\"bot\":\"echo\"}"))
                .get("number").asText()).isEqualTo("+14155550123");
        assertField(send("POST", "/api/numbers", "{\"number\":\"7\",\"bot\":\"echo\"}"), "number");
        assertField(send("POST", "/api/numbers", "{\"number\":\"4001\",\"bot\":\"echo\",\"trunk\":\"nope\"}"), "trunk");
        assertThat(send("DELETE", "/api/numbers/4000", null).statusCode()).isEqualTo(204);
    }

    @Test
    void placingACallAnswers202WithItsIdAndRefusalsNameTheField() throws Exception {
        HttpResponse<String> accepted = send("POST", "/api/calls",
                "{\"to\":\"+14155550123\",\"trunk\":\"carrier\",\"bot\":\"echo\",\"variables\":{\"name\":\"Ann\"}}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(body(accepted).get("callId").asText()).isEqualTo("call-1");
        assertThat(placed.get(0).variables()).containsEntry("name", "Ann");

        assertField(send("POST", "/api/calls", "{\"trunk\":\"carrier\"}"), "to");
        assertField(send("POST", "/api/calls", "{\"to\":\"1\"}"), "trunk");
        assertField(send("POST", "/api/calls", "{\"to\":\"1\",\"trunk\":\"a\",\"sipUser\":\"b\"}"), "sipUser");
        assertField(send("POST", "/api/calls", "{\"trunk\":\"a\",\"sipUser\":\"b\"}"), "sipUser");
        assertField(send("POST", "/api/calls", "{\"bot\":\"echo\"}"), "trunk");
        assertField(send("POST", "/api/calls", "{\"to\":\"alice\",\"sipUser\":\"alice\"}"), "to");
        HttpResponse<String> toUser = send("POST", "/api/calls", "{\"sipUser\":\"alice\",\"bot\":\"echo\"}");
        assertThat(toUser.statusCode()).as(toUser.body()).isEqualTo(202);
        assertThat(placed.getLast().sipUser()).isEqualTo("alice");
        assertThat(placed.getLast().to()).isNull();
        HttpResponse<String> full = send("POST", "/api/calls", "{\"to\":\"1\",\"trunk\":\"full\"}");
        assertThat(full.statusCode()).isEqualTo(429);
        assertThat(body(full).get("field").asText()).isEqualTo("trunk");

        assertThat(send("POST", "/api/calls/call-1/hangup", null).statusCode()).isEqualTo(202);
        assertThat(send("DELETE", "/api/calls/call-1", null).statusCode()).isEqualTo(202);
        assertThat(send("DELETE", "/api/calls/nope", null).statusCode()).isEqualTo(404);
    }
}
