package org.voxgate.pipeline.tools.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=} + hex HMAC-SHA256, keyed with the secret, of
 * {@code "<X-Voxgate-Timestamp>.<exact request body>"}. Signing the timestamp lets a receiver
 * refuse replays of old requests.
 *
 * <p>Stateless and thread-safe.
 */
public final class WebhookSignature {
    private WebhookSignature() {}

    /** The X-Voxgate-Signature value for {@code body} sent at {@code timestamp} (epoch seconds). */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e); // every JDK has it
        }
    }
}
