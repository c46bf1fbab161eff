package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversized bodies (413) and bodies that are not JSON (415), as JSON errors. */
class RequestLimitsTest extends AdminServerTestBase {

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

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"username\":\"alice\",\"password\":\"wonderland\",\"displayName\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> response = send("POST", "/api/sip-users", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(body(response).get("message").asText()).contains("1000000");
        assertThat(store.sipUsers().find("alice")).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIs415NamingTheHeader() throws Exception {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            HttpResponse<String> response = raw(request(key, "/api/sip-users").header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"wonderland\"}"))
                    .build());
            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(body(response).get("error").asText()).isEqualTo("unsupported_media_type");
            assertThat(body(response).get("field").asText()).isEqualTo("Content-Type");
        }
        HttpResponse<String> charset = raw(request(key, "/api/sip-users")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"wonderland\"}"))
                .build());
        assertThat(charset.statusCode()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyIs411SinceItsSizeCannotBeCheckedFirst() throws Exception {
        HttpResponse<String> response = raw(request(key, "/api/sip-users").version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"wonderland\"}")))
                .build());
        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(body(response).get("error").asText()).isEqualTo("length_required");
        assertThat(store.sipUsers().find("alice")).isEmpty();
    }

    @Test
    void aMissingKeyIsReportedBeforeTheBody() throws Exception {
        HttpResponse<String> response = raw(request(null, "/api/sip-users").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
