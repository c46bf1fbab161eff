package org.voxgate.pipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.G711;

/** The Twilio Media Streams message codec, both directions, against PROTOCOLS.md §6. */
class TwilioMessagesTest {
    private static final String SID = "MZ0123456789abcdef0123456789abcdef";
    private final List<String> sent = new ArrayList<>();
    private final TwilioStreamWriter writer = new TwilioStreamWriter(sent::add, SID, "AC" + "1".repeat(32),
            "CA" + "2".repeat(32));

    @Test
    void writesTwilioMessagesFieldForFieldWithStringNumbers() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("caller", "alice");
        params.put("callId", "c-1");
        writer.connected();
        writer.start(params);
        writer.media(new short[] {0, 1000, -1000}, 3);
        writer.media(new short[160], 160);
        writer.dtmf('5');
        writer.mark("turn-1");
        writer.stop();
        String ac = "AC" + "1".repeat(32);
        String ca = "CA" + "2".repeat(32);
        byte[] ulaw = {G711.linearToUlaw((short) 0), G711.linearToUlaw((short) 1000), G711.linearToUlaw((short) -1000)};
        assertThat(sent).containsExactly(
                "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}",
                "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + SID + "\",\"start\":{\"accountSid\":\""
                        + ac + "\",\"streamSid\":\"" + SID + "\",\"callSid\":\"" + ca + "\",\"tracks\":[\"inbound\"],"
                        + "\"customParameters\":{\"caller\":\"alice\",\"callId\":\"c-1\"},\"mediaFormat\":{\"encoding\":"
                        + "\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}",
                "{\"event\":\"media\",\"sequenceNumber\":\"2\",\"streamSid\":\"" + SID + "\",\"media\":{\"track\":"
                        + "\"inbound\",\"chunk\":\"1\",\"timestamp\":\"0\",\"payload\":\""
                        + Base64.getEncoder().encodeToString(ulaw) + "\"}}",
                "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"streamSid\":\"" + SID + "\",\"media\":{\"track\":"
                        + "\"inbound\",\"chunk\":\"2\",\"timestamp\":\"0\",\"payload\":\""
                        + Base64.getEncoder().encodeToString(ulawOfSilence()) + "\"}}",
                "{\"event\":\"dtmf\",\"sequenceNumber\":\"4\",\"streamSid\":\"" + SID + "\",\"dtmf\":{\"track\":"
                        + "\"inbound_track\",\"digit\":\"5\"}}",
                "{\"event\":\"mark\",\"sequenceNumber\":\"5\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":\"turn-1\"}}",
                "{\"event\":\"stop\",\"sequenceNumber\":\"6\",\"streamSid\":\"" + SID + "\",\"stop\":{\"accountSid\":\""
                        + ac + "\",\"callSid\":\"" + ca + "\"}}");
    }

    private static byte[] ulawOfSilence() {
        byte[] b = new byte[160];
        java.util.Arrays.fill(b, G711.linearToUlaw((short) 0));
        return b;
    }

    @Test
    void timestampFollowsTheMediaTimeline() {
        for (int i = 0; i < 3; i++) {
            writer.media(new short[160], 160);
        }
        assertThat(sent.get(2)).contains("\"chunk\":\"3\",\"timestamp\":\"40\"");
    }

    @Test
    void parsesMediaMarkAndClear() {
        short[] pcm = {1000, -1000};
        byte[] ulaw = new byte[2];
        G711.encodeUlaw(pcm, 0, ulaw, 0, 2);
        String payload = Base64.getEncoder().encodeToString(ulaw);
        var media = TwilioInbound.parse("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\""
                + payload + "\"}}", SID);
        assertThat(media).isInstanceOf(TwilioInbound.Media.class);
        assertThat(((TwilioInbound.Media) media).pcm()).containsExactly(
                G711.ulawToLinear(ulaw[0]), G711.ulawToLinear(ulaw[1]));
        assertThat(TwilioInbound.parse("{\"event\":\"mark\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":\"t7\"}}", SID))
                .isEqualTo(new TwilioInbound.Mark("t7"));
        assertThat(TwilioInbound.parse("{\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}", SID))
                .isEqualTo(new TwilioInbound.Clear());
    }

    @Test
    void malformedMessagesAreInvalidNotFatal() {
        assertThat(TwilioInbound.parse("{nope", SID)).isInstanceOf(TwilioInbound.Invalid.class);
        assertThat(TwilioInbound.parse("[1]", SID)).isInstanceOf(TwilioInbound.Invalid.class);
        assertThat(TwilioInbound.parse("{\"event\":\"media\",\"media\":{\"payload\":\"AA==\"}}", SID))
                .as("missing streamSid").isInstanceOf(TwilioInbound.Invalid.class);
        assertThat(TwilioInbound.parse("{\"event\":\"clear\",\"streamSid\":\"MZother\"}", SID))
                .as("another stream").isInstanceOf(TwilioInbound.Invalid.class);
        assertThat(TwilioInbound.parse("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\"!!\"}}",
                SID)).as("not base64").isInstanceOf(TwilioInbound.Invalid.class);
        assertThat(TwilioInbound.parse("{\"event\":\"mark\",\"streamSid\":\"" + SID + "\",\"mark\":{}}", SID))
                .isInstanceOf(TwilioInbound.Invalid.class);
        assertThat(TwilioInbound.parse("{\"event\":\"dance\",\"streamSid\":\"" + SID + "\"}", SID))
                .isInstanceOf(TwilioInbound.Invalid.class);
    }

    @Test
    void idsHaveTwilioShapesAndTheCallSidIsStable() {
        assertThat(TwilioIds.streamSid()).matches("MZ[0-9a-f]{32}").isNotEqualTo(TwilioIds.streamSid());
        assertThat(TwilioIds.callSid("abc@host")).matches("CA[0-9a-f]{32}").isEqualTo(TwilioIds.callSid("abc@host"))
                .isNotEqualTo(TwilioIds.callSid("abd@host"));
        assertThat(TwilioIds.accountSid("bot")).matches("AC[0-9a-f]{32}");
    }

    @Test
    void configAcceptsOnlyWebSocketUrls() {
        assertThat(TwilioBridgeConfig.of("b", "wss://bot.example/media", Map.of()).url().getHost()).isEqualTo("bot.example");
        assertThatThrownBy(() -> TwilioBridgeConfig.of("b", "http://bot.example/media", Map.of()))
                .hasMessageContaining("ws:// or wss://");
        assertThatThrownBy(() -> TwilioBridgeConfig.of("b", "ws:/nohost", Map.of())).hasMessageContaining("url");
        assertThatThrownBy(() -> TwilioBridgeConfig.of("b", "ws://bad host", Map.of())).hasMessageContaining("url");
    }
}
