package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * {@code POST /api/calls/{id}/transfer}: the request's shape and how the application's answer
 * maps to statuses. The transfer itself is proven end to end in the app's CallTransferApiIT.
 */
class CallTransferApiTest extends AdminServerTestBase {
    record Transfer(String callId, String target, boolean warm) {}

    private final List<Transfer> transfers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        store = openStore();
        CallControl calls = new CallControl() {
            @Override public String place(PlaceCall request) { return "unused"; }

            @Override public boolean hangup(String callId) { return false; }

            @Override
            public void transfer(String callId, String target, boolean warm) throws CallRefusedException {
                if (!callId.equals("live")) {
                    throw new CallRefusedException(404, "id", "no call " + callId + " in progress with a bot");
                }
                if ("sip:nowhere@invalid".equals(target)) {
                    throw new CallRefusedException(409, "target", "transfer failed: no route to " + target);
                }
                transfers.add(new Transfer(callId, target, warm));
            }
        };
        Telephony telephony = new Telephony(store.trunks(), store.numbers(), calls, name -> null,
                (user, password) -> new String[] {"x", "y"}, Set.of("receptionist")::contains, "US", () -> { });
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
    void startsBlindAndWarmTransfersAndTheOperatorByDefault() throws Exception {
        HttpResponse<String> blind = send("POST", "/api/calls/live/transfer", "{\"target\":\"sip:desk@pbx.example\"}");
        assertThat(blind.statusCode()).isEqualTo(202);
        assertThat(body(blind).get("status").asText()).isEqualTo("transferring");
        assertThat(send("POST", "/api/calls/live/transfer", "{\"target\":\"+1 415 555 0123\",\"mode\":\"warm\"}")
                .statusCode()).isEqualTo(202);
        assertThat(send("POST", "/api/calls/live/transfer", "").statusCode()).isEqualTo(202);
        assertThat(transfers).containsExactly(new Transfer("live", "sip:desk@pbx.example", false),
                new Transfer("live", "+1 415 555 0123", true), new Transfer("live", null, false));
    }

    @Test
    void aTransferNeedsAnOperatorKey() throws Exception {
        String body = "{\"target\":\"sip:desk@pbx.example\"}";
        assertRefused(null, "POST", "/api/calls/live/transfer", body);
        assertRefused(createKey("viewer"), "POST", "/api/calls/live/transfer", body);
        assertThat(transfers).isEmpty();
        assertThat(sendAs(createKey("operator"), "POST", "/api/calls/live/transfer", body).statusCode()).isEqualTo(202);
        assertThat(transfers).containsExactly(new Transfer("live", "sip:desk@pbx.example", false));
    }

    @Test
    void refusesBadRequestsNamingTheField() throws Exception {
        assertError(send("POST", "/api/calls/live/transfer", "{\"target\":\"sip:a@b\",\"mode\":\"cold\"}"), 400, "mode");
        assertError(send("POST", "/api/calls/live/transfer", "{\"target\":\"  \"}"), 400, "target");
        assertError(send("POST", "/api/calls/live/transfer", "{\"target\":\"sip:a b@c\"}"), 400, "target");
        assertError(send("POST", "/api/calls/live/transfer", "{\"to\":\"sip:a@b\"}"), 400, "to");
        assertError(send("POST", "/api/calls/gone/transfer", "{\"target\":\"sip:a@b\"}"), 404, "id");
        assertError(send("POST", "/api/calls/live/transfer", "{\"target\":\"sip:nowhere@invalid\"}"), 409, "target");
        assertThat(transfers).isEmpty();
    }

    private void assertError(HttpResponse<String> r, int status, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(body(r).get("field").asText()).isEqualTo(field);
    }
}
