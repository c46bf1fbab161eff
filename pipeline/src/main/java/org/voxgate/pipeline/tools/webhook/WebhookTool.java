package org.voxgate.pipeline.tools.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.Tools;

/**
 * A bot's HTTP webhook tool on one call. Each run POSTs
 * {@code {"tool", "arguments", "call": {"id", "caller", "callee", "bot"}}} as JSON to the URL
 * with {@code X-Voxgate-Timestamp} (epoch seconds, call clock) and, when a secret is set,
 * {@code X-Voxgate-Signature} ({@link WebhookSignature}). A 2xx response's JSON goes back to the
 * model (other bodies as {@code {"result": text}}); 5xx, 429, timeouts and connection failures
 * are retried with exponential back-off up to {@code retries} times; 4xx is not retried. Every
 * failure becomes {@code {"error": ...}} for the model.
 *
 * <p>Threading: thread-safe; {@link #run} blocks for the HTTP exchange (at most
 * (retries + 1) timeouts plus back-off): run it on a virtual thread. The HTTP client is shared
 * and not owned.
 */
public final class WebhookTool implements Tools {
    static final int MAX_RESULT_CHARS = 16_000;

    private final CallContext call;
    private final WebhookSpec spec;
    private final String bot;
    private final String secret;
    private final HttpClient http;
    private final Duration firstBackoff;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param env          looks up environment variables (System::getenv in production)
     * @param firstBackoff wait before the first retry; doubles for each further one
     */
    public WebhookTool(CallContext call, WebhookSpec spec, String bot, HttpClient http, UnaryOperator<String> env,
            Duration firstBackoff) {
        this.call = call;
        this.spec = spec;
        this.bot = bot;
        this.http = http;
        this.secret = spec.secretEnv() == null ? null : env.apply(spec.secretEnv());
        this.firstBackoff = firstBackoff;
    }

    @Override
    public List<ToolSpec> specs() {
        return List.of(new ToolSpec(spec.name(), spec.description(), spec.parametersSchema()));
    }

    @Override
    public String run(ToolCall toolCall) {
        if (!spec.name().equals(toolCall.name())) {
            return error("no such tool: " + toolCall.name());
        }
        if (spec.secretEnv() != null && (secret == null || secret.isEmpty())) {
            return error("the webhook's secret (environment variable " + spec.secretEnv() + ") is not set");
        }
        JsonNode args;
        try {
            String text = toolCall.argumentsJson();
            args = text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            return error("arguments are not JSON");
        }
        ObjectNode body = json.createObjectNode();
        body.put("tool", spec.name());
        body.set("arguments", args);
        ObjectNode callNode = body.putObject("call");
        callNode.put("id", call.callId());
        callNode.put("caller", call.caller());
        callNode.put("callee", call.callee());
        callNode.put("bot", bot);
        String text = body.toString();
        Retry retry = Retry.of("webhook-" + spec.name(), RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(spec.retries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0))
                .retryOnResult(r -> r.statusCode() >= 500 || r.statusCode() == 429)
                .retryExceptions(IOException.class)
                .failAfterMaxAttempts(false)
                .build());
        HttpResponse<String> response;
        try {
            response = Retry.decorateCheckedSupplier(retry, () -> post(text)).get();
        } catch (HttpTimeoutException e) {
            return error("the webhook did not answer within " + spec.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return error("the webhook could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("interrupted");
        } catch (Throwable e) {
            return error("the webhook failed: " + e.getClass().getSimpleName());
        }
        return result(response);
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        long timestamp = call.clock().instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(spec.url())
                .timeout(spec.timeout())
                .header("Content-Type", "application/json")
                .header("X-Voxgate-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null) {
            request.header("X-Voxgate-Signature", WebhookSignature.sign(secret, timestamp, body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String result(HttpResponse<String> response) {
        String text = response.body() == null ? "" : response.body();
        if (text.length() > MAX_RESULT_CHARS) {
            text = text.substring(0, MAX_RESULT_CHARS);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            ObjectNode n = json.createObjectNode();
            n.put("error", "the webhook answered HTTP " + status);
            n.put("status", status);
            if (!text.isBlank()) {
                n.put("body", text);
            }
            return n.toString();
        }
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.isObject()) {
                return node.toString();
            }
            if (node != null && !node.isMissingNode()) {
                ObjectNode n = json.createObjectNode();
                n.set("result", node);
                return n.toString();
            }
        } catch (IOException e) {
            // not JSON: handed over as text
        }
        ObjectNode n = json.createObjectNode();
        n.put("result", text);
        return n.toString();
    }

    private String error(String message) {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        return n.toString();
    }
}
