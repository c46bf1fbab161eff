package org.voxgate.fakes.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listen-audio tap the pipeline benchmark times frames with, over a raw JDK WebSocket. */
class FakeDeepgramTapTest {
    private record Received(byte[] bytes, long nanos) {}

    @Test
    void tapSeesEachBinaryMessageWithItsArrivalTimeBeforeTheFakeCountsIt() throws Exception {
        LinkedBlockingQueue<Received> tapped = new LinkedBlockingQueue<>();
        try (FakeDeepgram fake = FakeDeepgram.start("key")) {
            fake.onListenAudio((data, offset, length, nanos) ->
                    tapped.add(new Received(java.util.Arrays.copyOfRange(data, offset, offset + length), nanos)));
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Token key")
                    .buildAsync(URI.create(fake.baseUrl() + "/v1/listen?encoding=mulaw&sample_rate=8000"),
                            new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            byte[] frame = new byte[160];
            frame[0] = (byte) 0xF3;
            frame[159] = (byte) 0x7E;
            long before = System.nanoTime();
            ws.sendBinary(ByteBuffer.wrap(frame), true).get(5, TimeUnit.SECONDS);

            Received got = tapped.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.bytes()).isEqualTo(frame);
            assertThat(got.nanos()).isGreaterThanOrEqualTo(before);

            fake.onListenAudio(null);
            ws.sendBinary(ByteBuffer.wrap(frame), true).get(5, TimeUnit.SECONDS);
            // the fake still counts what it gets once the tap is cleared; the tap hears nothing more
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fake.listenConnections().get(0).binaryFrames() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(fake.listenConnections().get(0).binaryFrames()).isEqualTo(2);
            assertThat(tapped).isEmpty();
            ws.abort();
        }
    }
}
