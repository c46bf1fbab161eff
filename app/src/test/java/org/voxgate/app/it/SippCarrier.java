package org.voxgate.app.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SIPp playing the carrier of an outbound campaign (scripts/sipp/uas-campaign-carrier.xml) on
 * a free UDP port of 127.0.0.1: every INVITE is answered as the dialled number's last digit
 * says ({@link Behaviour}), any number of calls at once, until {@link #stop}. Point a trunk at
 * {@link #host()}:{@link #port()}; {@link #stop} returns what the carrier measured.
 *
 * <pre>
 * try (SippCarrier carrier = SippCarrier.start(dir, SippCarrier.Timings.DEFAULT)) {
 *     ... trunk {"peerHost": carrier.host(), "peerPort": carrier.port()}, dial
 *     ... Behaviour.BUSY.number(7) ...
 *     CarrierLog log = carrier.stop();
 * }
 * </pre>
 *
 * Owned and driven by one test thread. The SIPp process is ours alone: stopped through its own
 * control port (a graceful quit that lets calls in flight finish), killed only if it lingers.
 */
final class SippCarrier implements AutoCloseable {
    static final String SCENARIO = "uas-campaign-carrier.xml";
    /** Last resort against a call left hanging: SIPp gives up on any expected message after this. */
    private static final int RECV_TIMEOUT_MS = 120_000;
    /** Last resort against SIPp itself outliving its test. */
    private static final int MAX_RUN_SECONDS = 1800;
    /** How long {@link #stop} lets calls in flight finish before ending SIPp. */
    private static final long QUIT_GRACE_SECONDS = 20;

    /** What the callee does, by the dialled number's last digit (see the scenario's header). */
    enum Behaviour {
        /** Answers, says "Hello?", then silence; the carrier hangs up after the hold time. */
        HUMAN('1'),
        /** Answers, 5-7 s greeting, beep, "records", then the carrier hangs up. */
        VOICEMAIL('2'),
        /** 180 then 486 Busy Here. */
        BUSY('3'),
        /** 180 then 603 Decline. */
        REJECTED('4'),
        /** 503 Service Unavailable. */
        FAILED('5'),
        /** 180 and never answers: rings until our CANCEL. */
        RINGS_OUT('6');

        final char digit;

        Behaviour(char digit) {
            this.digit = digit;
        }

        /**
         * The {@code index}th (0-999) number with this behaviour, in E.164: +1415555dddX, ddd
         * being the index and X the behaviour's digit (index 7 of BUSY: +14155550073).
         */
        String number(int index) {
            return SippCarrier.number(digit, index);
        }
    }

    /** The last digit of a machine that answers with one short phrase ("Leave a message."), no beep. */
    static final char TERSE_MACHINE = '7';

    /**
     * The {@code index}th (0-999) number ending in {@code digit}, in E.164: +1415555dddX, ddd
     * being the index and X the digit (index 7 of busy, 3: +14155550073).
     */
    static String number(char digit, int index) {
        if (index < 0 || index > 999) {
            throw new IllegalArgumentException("index 0-999: " + index);
        }
        return "+1415555%03d%c".formatted(index, digit);
    }

    /**
     * The carrier's pace.
     *
     * @param ringMillis ringing before the answer or the final failure
     * @param humanHoldMillis how long a human call lasts after the ACK before the carrier's BYE
     * @param voicemailRecordMillis how long the voicemail "records" after its beep before BYE
     */
    record Timings(int ringMillis, int humanHoldMillis, int voicemailRecordMillis) {
        static final Timings DEFAULT = new Timings(1000, 6000, 6000);
    }

    private final int port;
    private final Path workDir;
    private final int controlPort;
    private final Sipp.Running running;
    private CarrierLog log;

    private SippCarrier(int port, Path workDir, int controlPort, Sipp.Running running) {
        this.port = port;
        this.workDir = workDir;
        this.controlPort = controlPort;
        this.running = running;
    }

    /**
     * Makes the audio in {@code workDir}, starts SIPp there and returns once it listens.
     *
     * @throws IllegalStateException if SIPp exits or does not bind its port within 10 s
     */
    static SippCarrier start(Path workDir, Timings timings) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        CarrierAudio.writeHuman(workDir, timings.humanHoldMillis());
        int untilBeepEnds = CarrierAudio.writeVoicemail(workDir, timings.voicemailRecordMillis());
        CarrierAudio.writeTerse(workDir, timings.voicemailRecordMillis());
        int port = FreePorts.udpAndTcp();
        int controlPort = FreePorts.udpRange(1);
        Sipp.Running running = Sipp.uas(SCENARIO, Map.of(
                        "RING_MS", Integer.toString(timings.ringMillis()),
                        "HUMAN_HOLD_MS", Integer.toString(timings.humanHoldMillis()),
                        "VOICEMAIL_HOLD_MS", Integer.toString(untilBeepEnds + timings.voicemailRecordMillis())),
                        port, workDir)
                // -aa: in-dialog INFO, UPDATE, NOTIFY and OPTIONS get a 200 wherever the call is
                .arg("-trace_logs", "-aa", "-recv_timeout", Integer.toString(RECV_TIMEOUT_MS), "-cp",
                        Integer.toString(controlPort))
                .start(Integer.MAX_VALUE, MAX_RUN_SECONDS);
        SippCarrier carrier = new SippCarrier(port, workDir, controlPort, running);
        carrier.awaitListening();
        return carrier;
    }

    /**
     * Waits until SIPp answers an OPTIONS on its SIP port (the scenario answers them), so no
     * INVITE is sent before it listens. Probing by binding the port ourselves could make SIPp's
     * own bind fail; a request cannot.
     */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!running.process().isAlive()) {
                throw new IllegalStateException("SIPp carrier exited at start: " + running.await().describe());
            }
            if (answersOptions()) {
                return;
            }
        }
        running.process().destroyForcibly();
        throw new IllegalStateException("SIPp carrier did not answer OPTIONS on 127.0.0.1:" + port + " within 10 s");
    }

    private boolean answersOptions() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(200);
            String branch = "z9hG4bK-probe-" + System.nanoTime();
            String request = "OPTIONS sip:carrier@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=" + branch + "\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=probe\r\n"
                    + "To: <sip:carrier@127.0.0.1>\r\n"
                    + "Call-ID: " + branch + "@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            socket.receive(answer);
            return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII)
                    .startsWith("SIP/2.0 200");
        } catch (SocketTimeoutException notYet) {
            return false;
        }
    }

    /** The address a trunk's peerHost names. */
    String host() {
        return "127.0.0.1";
    }

    /** The UDP port SIPp listens on. */
    int port() {
        return port;
    }

    /** Where SIPp runs: its scenario copy, audio files, output and logs. */
    Path workDir() {
        return workDir;
    }

    /**
     * Asks SIPp to quit (calls in flight may finish, for up to 20 s), ends it if it lingers, and
     * returns the carrier's log. Calling it again returns the same log.
     */
    CarrierLog stop() throws IOException, InterruptedException {
        if (log == null) {
            Process process = running.process();
            if (process.isAlive()) {
                command("q");
                if (!process.waitFor(QUIT_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor(5, TimeUnit.SECONDS);
                    }
                }
            }
            log = CarrierLog.read(workDir);
        }
        return log;
    }

    /** What the carrier has logged so far, while it runs (after {@link #stop}: the final log). */
    CarrierLog snapshot() throws IOException {
        return log != null ? log : CarrierLog.read(workDir);
    }

    /** SIPp's output and error log, for assertion messages (complete once stopped). */
    String describe() throws IOException, InterruptedException {
        return running.process().isAlive() ? "SIPp carrier still running in " + workDir : running.await().describe();
    }

    /** Sends a remote-control command (as typed on SIPp's keyboard) to SIPp's control port. */
    private void command(String keys) throws IOException {
        byte[] bytes = keys.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), controlPort));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }
}
