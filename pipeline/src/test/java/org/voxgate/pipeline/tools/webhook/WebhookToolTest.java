package org.voxgate.pipeline.tools.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.offline.FakeCallContext;
import org.voxgate.pipeline.provider.ToolCall;

/** The webhook tool against a real HTTP server on loopback. */
class WebhookToolTest {
    private static final String SECRET = "s3cret-for-tests";

    private record Received(String body, String timestamp, String signature) {}

    private final ObjectMapper json = new ObjectMapper();
    private final FakeCallContext call = new FakeCallContext();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private HttpServer server;
    private HttpClient http;
    /** What the server does for attempt n (1-based): a status and body, or a stall. */
    private volatile java.util.function.IntFunction<Object[]> behaviour = n -> new Object[] {200, "{\"status\":\"shipped\"}"};

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", this::handle);
        server.start();
        http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(body, ex.getRequestHeaders().getFirst("X-Voxgate-Timestamp"),
                ex.getRequestHeaders().getFirst("X-Voxgate-Signature")));
        Object[] answer = behaviour.apply(attempts.incrementAndGet());
        if (answer == null) {
            try {
                Thread.sleep(5_000); // longer than any timeout used here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        byte[] out = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders((Integer) answer[0], out.length == 0 ? -1 : out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private WebhookTool tool(int retries, Duration timeout) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        WebhookSpec spec = new WebhookSpec("lookup_order", "Finds an order", url, "ORDER_HOOK_SECRET", timeout,
                retries, "{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}}}");
        return new WebhookTool(call, spec, "support", http, Map.of("ORDER_HOOK_SECRET", SECRET)::get,
                Duration.ofMillis(20));
    }

    private String run(WebhookTool tool) {
        return tool.run(new ToolCall("t1", "lookup_order", "{\"order\":\"A-17\"}"));
    }

    @Test
    void postsTheCallSignedAndHandsTheAnswerToTheModel() throws Exception {
        String result = run(tool(2, Duration.ofSeconds(5)));

        assertThat(json.readTree(result)).isEqualTo(json.readTree("{\"status\":\"shipped\"}"));
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("tool").asText()).isEqualTo("lookup_order");
        assertThat(body.get("arguments").get("order").asText()).isEqualTo("A-17");
        assertThat(body.get("call").get("id").asText()).isEqualTo(call.callId());
        assertThat(body.get("call").get("caller").asText()).isEqualTo(call.caller());
        assertThat(body.get("call").get("bot").asText()).isEqualTo("support");
        assertThat(Long.parseLong(r.timestamp())).isEqualTo(call.clock().instant().getEpochSecond());
        // The receiver's check: HMAC of "<timestamp>.<body>" with the shared secret.
        assertThat(r.signature()).isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(r.timestamp()), r.body()))
                .startsWith("sha256=").hasSize(7 + 64);
        assertThat(r.signature()).isNotEqualTo(WebhookSignature.sign("other", Long.parseLong(r.timestamp()), r.body()));
    }

    @Test
    void retriesA503ThenSucceeds() throws Exception {
        behaviour = n -> n < 3 ? new Object[] {503, "busy"} : new Object[] {200, "{\"found\":true}"};

        String result = run(tool(2, Duration.ofSeconds(5)));

        assertThat(json.readTree(result).get("found").asBoolean()).isTrue();
        assertThat(attempts).hasValue(3);
        assertThat(received).extracting(Received::body).containsOnly(received.get(0).body());
    }

    @Test
    void givesUpAfterTheRetriesWithAnErrorForTheModel() throws Exception {
        behaviour = n -> new Object[] {502, ""};

        JsonNode result = json.readTree(run(tool(1, Duration.ofSeconds(5))));

        assertThat(result.get("error").asText()).contains("HTTP 502");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void doesNotRetryA400() throws Exception {
        behaviour = n -> new Object[] {400, "{\"message\":\"no such order\"}"};

        JsonNode result = json.readTree(run(tool(3, Duration.ofSeconds(5))));

        assertThat(result.get("error").asText()).contains("HTTP 400");
        assertThat(result.get("body").asText()).contains("no such order");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aStalledServerTimesOutEachAttempt() throws Exception {
        behaviour = n -> null;

        JsonNode result = json.readTree(run(tool(1, Duration.ofMillis(300))));

        assertThat(result.get("error").asText()).contains("did not answer within 300 ms");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aMissingSecretIsAnErrorNotAnUnsignedCall() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        WebhookTool unset = new WebhookTool(call, new WebhookSpec("lookup_order", "", url, "UNSET_VAR",
                Duration.ofSeconds(1), 0, null), "support", http, name -> null, Duration.ofMillis(20));

        assertThat(json.readTree(run(unset)).get("error").asText()).contains("UNSET_VAR");
        assertThat(attempts).hasValue(0);
    }

    @Test
    void nonJsonAnswersAreWrapped() throws Exception {
        behaviour = n -> new Object[] {200, "plain words"};

        assertThat(json.readTree(run(tool(0, Duration.ofSeconds(5)))).get("result").asText()).isEqualTo("plain words");
    }
}
