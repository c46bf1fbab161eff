package org.voxgate.pipeline.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.voxgate.media.codec.G711;

/**
 * Parses what a bot may send on a bidirectional Media Stream: {@code media} (base64 μ-law, no
 * header), {@code mark} and {@code clear}. Anything else, or one of these with a missing or
 * wrong field or another stream's {@code streamSid}, is {@link Invalid}: Twilio reports such
 * messages as errors 31951/31924 in its debugger and keeps the stream open, and so do we (the
 * session logs them).
 *
 * <p>Stateless and thread-safe.
 */
final class TwilioInbound {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TwilioInbound() {}

    /** A parsed message. */
    sealed interface Message {}

    /** Bot audio, decoded to 8 kHz PCM. */
    record Media(short[] pcm) implements Message {}

    record Mark(String name) implements Message {}

    record Clear() implements Message {}

    /** Not a message the stream accepts; {@code why} says what was wrong (for the log). */
    record Invalid(String why) implements Message {}

    static Message parse(String text, String streamSid) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Invalid("not JSON (31951)");
        }
        if (m == null || !m.isObject()) {
            return new Invalid("not a JSON object (31951)");
        }
        String event = m.path("event").asText("");
        if (!m.path("streamSid").isTextual()) {
            return new Invalid(event + " without streamSid (31951)");
        }
        if (!streamSid.equals(m.path("streamSid").asText())) {
            return new Invalid(event + " for another streamSid " + m.path("streamSid").asText() + " (31924)");
        }
        return switch (event) {
            case "media" -> media(m.path("media").path("payload"));
            case "mark" -> {
                JsonNode name = m.path("mark").path("name");
                yield name.isTextual() ? new Mark(name.asText()) : new Invalid("mark without mark.name (31951)");
            }
            case "clear" -> new Clear();
            default -> new Invalid("unknown event '" + event + "' (31951)");
        };
    }

    private static Message media(JsonNode payload) {
        if (!payload.isTextual()) {
            return new Invalid("media without media.payload (31951)");
        }
        byte[] ulaw;
        try {
            ulaw = Base64.getDecoder().decode(payload.asText());
        } catch (IllegalArgumentException e) {
            return new Invalid("media.payload is not base64 (31951)");
        }
        short[] pcm = new short[ulaw.length];
        G711.decodeUlaw(ulaw, 0, pcm, 0, ulaw.length);
        return new Media(pcm);
    }
}
