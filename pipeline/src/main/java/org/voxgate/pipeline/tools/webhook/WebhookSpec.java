package org.voxgate.pipeline.tools.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A skillbase's webhook tool entry.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name             the tool's name for the model, {@code [a-z_][a-z0-9_]*}
 * @param description      what it does, for the model
 * @param url              where the call is POSTed (http or https)
 * @param secretEnv        the environment variable holding the HMAC secret, or null to send unsigned
 * @param timeout          per attempt
 * @param retries          further attempts after a 5xx, 429 or timeout (0..5)
 * @param parametersSchema JSON Schema of the arguments, as JSON text
 */
public record WebhookSpec(String name, String description, URI url, String secretEnv, Duration timeout,
        int retries, String parametersSchema) {

    public WebhookSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("name must match [a-z_][a-z0-9_]* (was " + name + ")");
        }
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https (was " + url + ")");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutMs must be positive");
        }
        if (retries < 0 || retries > 5) {
            throw new IllegalArgumentException("retries must be 0..5 (was " + retries + ")");
        }
        description = description == null ? "" : description;
        parametersSchema = parametersSchema == null ? "{\"type\":\"object\",\"properties\":{}}" : parametersSchema;
    }
}
