package org.voxgate.media.audiosocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over loopback TCP against a client that frames messages as Asterisk does. */
class AudioSocketServerTest {
    private final BlockingQueue<AudioSocketSession> sessions = new LinkedBlockingQueue<>();
    private final BlockingQueue<short[]> heard = new LinkedBlockingQueue<>();
    private final BlockingQueue<Character> digits = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private AudioSocketServer server;

    @BeforeEach
    void start() throws Exception {
        server = new AudioSocketServer("127.0.0.1", 0, session -> {
            session.audio().setInboundListener(frame -> heard.add(frame.clone()));
            session.audio().setDtmfListener((digit, millis) -> digits.add(digit));
            session.onClosed(closes::add);
            sessions.add(session);
        }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect(UUID id) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5000);
        AudioSocketFrame.id(id).writeTo(socket.getOutputStream());
        return socket;
    }

    @Test
    void sessionCarriesTheUuidAndInboundAudioIsCutInto20msFrames() throws Exception {
        UUID id = UUID.randomUUID();
        try (Socket socket = connect(id)) {
            AudioSocketSession session = sessions.poll(5, TimeUnit.SECONDS);
            assertThat(session).isNotNull();
            assertThat(session.uuid()).isEqualTo(id);
            short[] ramp = new short[400];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (short) (i * 10 - 2000);
            }
            OutputStream out = socket.getOutputStream();
            AudioSocketFrame.audio(ramp, 0, 100).writeTo(out); // odd sizes: nothing promises 320 bytes
            AudioSocketFrame.audio(ramp, 100, 300).writeTo(out);
            short[] first = heard.poll(5, TimeUnit.SECONDS);
            short[] second = heard.poll(5, TimeUnit.SECONDS);
            assertThat(first).hasSize(160).startsWith((short) -2000);
            assertThat(second).hasSize(160);
            assertThat(second[0]).isEqualTo(ramp[160]);
            assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).as("80 samples wait for more").isNull();

            out.write(new byte[] {0x03, 0x00, 0x01, '#'});
            assertThat(digits.poll(5, TimeUnit.SECONDS)).isEqualTo('#');

            out.write(new byte[] {0, 0, 0});
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo(AudioSocketSession.REMOTE_HANGUP);
        }
    }

    @Test
    void playbackLeavesAsPacedAudioFramesAndHangupSendsZeroMessage() throws Exception {
        try (Socket socket = connect(UUID.randomUUID())) {
            AudioSocketSession session = sessions.poll(5, TimeUnit.SECONDS);
            short[] second = new short[8000];
            java.util.Arrays.fill(second, (short) 1234);
            session.audio().play(second, 0, second.length);
            assertThat(session.audio().queuedPlaybackMillis()).isBetween(900L, 1000L);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<Long> arrivals = new CopyOnWriteArrayList<>();
            int samples = 0;
            while (samples < 8000) {
                AudioSocketFrame frame = AudioSocketFrame.read(in);
                assertThat(frame.kind()).isEqualTo(AudioSocketFrame.AUDIO);
                assertThat(frame.payload()).hasSize(320);
                assertThat(frame.samples()).containsOnly((short) 1234);
                samples += 160;
                arrivals.add(System.nanoTime());
            }
            long spanMillis = TimeUnit.NANOSECONDS.toMillis(arrivals.get(49) - arrivals.get(0));
            // 50 frames take 49 intervals of 20 ms; generous bounds, only "paced, not a burst"
            assertThat(spanMillis).as("50 frames paced").isGreaterThan(700);
            assertThat(session.audio().queuedPlaybackMillis()).isZero();

            session.hangup();
            AudioSocketFrame hangup = AudioSocketFrame.read(in);
            assertThat(hangup.kind()).isEqualTo(AudioSocketFrame.HANGUP);
            assertThat(hangup.payload()).isEmpty();
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo(AudioSocketSession.LOCAL_HANGUP);
            assertThat(in.read()).as("connection closed after the hang-up").isEqualTo(-1);
        }
    }

    @Test
    void clearPlaybackDropsQueuedAudio() throws Exception {
        try (Socket socket = connect(UUID.randomUUID())) {
            AudioSocketSession session = sessions.poll(5, TimeUnit.SECONDS);
            session.audio().play(new short[16000], 0, 16000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            AudioSocketFrame.read(in);
            session.audio().clearPlayback();
            assertThat(session.audio().queuedPlaybackMillis()).isZero();
            session.hangup();
            int audioAfterClear = 0;
            AudioSocketFrame frame;
            while ((frame = AudioSocketFrame.read(in)) != null && frame.kind() == AudioSocketFrame.AUDIO) {
                audioAfterClear++;
            }
            assertThat(frame).isNotNull();
            assertThat(frame.kind()).isEqualTo(AudioSocketFrame.HANGUP);
            assertThat(audioAfterClear).as("at most the frame already taken").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void sendDtmfPlaysInBandTones() throws Exception {
        try (Socket socket = connect(UUID.randomUUID())) {
            AudioSocketSession session = sessions.poll(5, TimeUnit.SECONDS);
            session.audio().sendDtmf("7");
            DataInputStream in = new DataInputStream(socket.getInputStream());
            short[] tone = AudioSocketFrame.read(in).samples();
            assertThat(energyAt(tone, org.voxgate.media.dtmf.DtmfTones.rowHz('7')))
                    .isGreaterThan(10 * energyAt(tone, 1000));
        }
    }

    @Test
    void aFirstMessageOtherThanTheUuidGetsAnErrorAndTheConnectionCloses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            AudioSocketFrame.audio(new short[160], 0, 160).writeTo(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            AudioSocketFrame error = AudioSocketFrame.read(in);
            assertThat(error.kind()).isEqualTo(AudioSocketFrame.ERROR);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(sessions).isEmpty();
        }
    }

    @Test
    void droppedConnectionEndsTheSession() throws Exception {
        Socket socket = connect(UUID.randomUUID());
        assertThat(sessions.poll(5, TimeUnit.SECONDS)).isNotNull();
        socket.close();
        assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo(AudioSocketSession.REMOTE_HANGUP);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.openSessions()).isZero();
    }

    /** Goertzel power at {@code hz} over the samples. */
    private static double energyAt(short[] pcm, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (short v : pcm) {
            double s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }
}
