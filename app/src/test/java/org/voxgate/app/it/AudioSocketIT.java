package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Asterisk AudioSocket end to end: the real server process with audiosocket enabled and the
 * {@code echo} bot; a TCP client framing messages as Asterisk's app_audiosocket does (kind, 16-bit
 * big-endian length, payload) sends the UUID and then a tone in 20 ms 0x10 frames at real-time
 * pace, hears it back, and hangs up with 0x00.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudioSocketIT {
    private VoxgateProcess server;
    private int audioSocketPort;

    @BeforeAll
    void start() throws Exception {
        Path work = Files.createTempDirectory("voxgate-audiosocket-it");
        audioSocketPort = FreePorts.tcp();
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_AUDIOSOCKET_ENABLED", "true",
                "VOXGATE_AUDIOSOCKET_PORT", Integer.toString(audioSocketPort), "VOXGATE_AUDIOSOCKET_BOT", "echo")).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void toneSentOverAudioSocketComesBackFromTheEchoBot() throws Exception {
        UUID id = UUID.randomUUID();
        double hz = 800;
        short[] heard = new short[8000 * 10];
        int[] heardSamples = {0};
        boolean[] closedByServer = {false};
        try (Socket socket = new Socket("127.0.0.1", audioSocketPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            write(out, 0x01, ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits()).array());
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    while (true) {
                        int kind = in.read();
                        if (kind < 0) {
                            closedByServer[0] = true;
                            return;
                        }
                        byte[] payload = new byte[in.readUnsignedShort()];
                        in.readFully(payload);
                        if (kind == 0x10) {
                            synchronized (heard) {
                                for (int i = 0; i + 1 < payload.length && heardSamples[0] < heard.length; i += 2) {
                                    heard[heardSamples[0]++] = (short) ((payload[i] & 0xff) | (payload[i + 1] << 8));
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    // the socket closed under the reader
                }
            });
            long next = System.nanoTime();
            for (int frame = 0; frame < 100; frame++) { // 2 s of tone, 20 ms per frame
                byte[] payload = new byte[320];
                for (int i = 0; i < 160; i++) {
                    short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * (frame * 160 + i) / 8000));
                    payload[2 * i] = (byte) s;
                    payload[2 * i + 1] = (byte) (s >> 8);
                }
                write(out, 0x10, payload);
                next += TimeUnit.MILLISECONDS.toNanos(20);
                LockSupport.parkNanos(next - System.nanoTime());
            }
            Thread.sleep(500); // the echo's tail
            write(out, 0x00, new byte[0]);
            reader.join(10_000);
        }
        short[] back;
        synchronized (heard) {
            back = java.util.Arrays.copyOf(heard, heardSamples[0]);
        }
        double share = toneShare(back, hz);
        double elsewhere = toneShare(back, hz * 1.25);
        Figures.record("audiosocket echo: tone share at 800 Hz", String.format(java.util.Locale.ROOT,
                "%.3f (at 1000 Hz: %.3f), %d samples back", share, elsewhere, back.length));
        assertThat(back.length).as("samples echoed").isGreaterThan(8000);
        assertThat(share).isGreaterThan(0.8);
        assertThat(elsewhere).isLessThan(0.1);
        assertThat(closedByServer[0]).as("the server closed after our hang-up").isTrue();

        JsonNode record = server.awaitEndedCall("audiosocket-" + id);
        assertThat(record.path("bot").asText()).isEqualTo("echo");
        assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
        assertThat(record.path("from").asText()).isEqualTo(id.toString());
    }

    private static void write(OutputStream out, int kind, byte[] payload) throws IOException {
        byte[] wire = new byte[3 + payload.length];
        wire[0] = (byte) kind;
        wire[1] = (byte) (payload.length >> 8);
        wire[2] = (byte) payload.length;
        System.arraycopy(payload, 0, wire, 3, payload.length);
        out.write(wire);
        out.flush();
    }

    /** Share of the energy of 20 ms frames with signal that sits at {@code hz} (Goertzel). */
    private static double toneShare(short[] pcm, double hz) {
        double atTone = 0;
        double total = 0;
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            double s1 = 0;
            double s2 = 0;
            double energy = 0;
            for (int i = f; i < f + 160; i++) {
                double s = pcm[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s;
                energy += (double) pcm[i] * pcm[i];
            }
            if (Math.sqrt(energy / 160) < 327) {
                continue; // below -40 dBFS: silence says nothing about the tone
            }
            atTone += (s1 * s1 + s2 * s2 - coeff * s1 * s2) / 80.0;
            total += energy;
        }
        return total == 0 ? 0 : atTone / total;
    }
}
