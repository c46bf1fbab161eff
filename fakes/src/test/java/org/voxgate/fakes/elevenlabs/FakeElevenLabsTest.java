package org.voxgate.fakes.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's own error paths, which the real client never provokes, over a raw JDK WebSocket. */
class FakeElevenLabsTest {
    private FakeElevenLabs fake;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fake = FakeElevenLabs.start("key");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void firstMessageOtherThanInitGetsAnErrorAndClose1008() throws Exception {
        Recorder recorder = connect();
        recorder.ws.sendText("{\"text\":\"Hello \"}", true).get(5, TimeUnit.SECONDS);
        assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(recorder.messages).anyMatch(m -> m.contains("\"error\":\"invalid_input_message\"") && m.contains("\"code\":1008"));
    }

    @Test
    void keyInTheInitMessageIsAcceptedAndEndOfInputGivesIsFinalAndClose1000() throws Exception {
        Recorder recorder = connect();
        // one send at a time: a JDK WebSocket refuses a send while the previous one is in flight
        recorder.ws.sendText("{\"text\":\" \",\"xi_api_key\":\"key\"}", true).get(5, TimeUnit.SECONDS);
        recorder.ws.sendText("{\"text\":\"Hi there \"}", true).get(5, TimeUnit.SECONDS);
        recorder.ws.sendText("{\"text\":\"\"}", true).get(5, TimeUnit.SECONDS);
        assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(recorder.messages.getFirst()).contains("\"audio\":").contains("\"alignment\":{\"charStartTimesMs\":[");
        assertThat(recorder.messages.getLast()).isEqualTo("{\"isFinal\":true}");
    }

    @Test
    void wrongKeyInTheInitMessageGetsClose1008() throws Exception {
        Recorder recorder = connect();
        recorder.ws.sendText("{\"text\":\" \",\"xi-api-key\":\"nope\"}", true).get(5, TimeUnit.SECONDS);
        assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    /** Connects without a key header, so the key must come in the init message. */
    private Recorder connect() throws Exception {
        Recorder recorder = new Recorder();
        recorder.ws = http.newWebSocketBuilder().buildAsync(URI.create(fake.baseUrl()
                + "/v1/text-to-speech/v1/stream-input?model_id=m&output_format=ulaw_8000"), recorder).get(5, TimeUnit.SECONDS);
        return recorder;
    }

    private static final class Recorder implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder text = new StringBuilder();
        volatile WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
