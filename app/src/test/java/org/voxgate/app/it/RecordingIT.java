package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Call recording end to end: a call to the {@code echo} bot, recorded because
 * {@code recording.bots} names it, carries a tone from a real RTP socket; the WAV downloaded
 * from {@code GET /api/calls/{id}/recording} is stereo 8 kHz with the caller's tone on the
 * left, the echoed tone on the right, and the right starting after the left by the echo's
 * small delay, which proves the two channels are time-aligned.
 */
class RecordingIT {
    private static final double TONE_HZ = 1000;

    @Test
    void anEchoCallIsRecordedAsAlignedStereoWav() throws Exception {
        Path work = Files.createTempDirectory("voxgate-recording-it");
        try (VoxgateProcess server = new VoxgateProcess(work.resolve("node"),
                Map.of("VOXGATE_RECORDING_BOTS", "echo")).start();
             RtpPeer peer = new RtpPeer()) {
            Sipp sipp = Sipp.scenario("uac-hangup.xml", server.sipPort, work.resolve("sipp"));
            String callId = sipp.callIdTag("rec-" + UUID.randomUUID());
            Sipp.Running call = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";echo;"))
                    .arg("-d", "5000").start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();

            // asked before the caller's stream starts, so the request does not pause it
            HttpResponse<String> whileUp = server.get("/api/calls/" + callId + "/recording");
            assertThat(whileUp.statusCode()).as("still being recorded: " + whileUp.body()).isEqualTo(409);
            peer.sendSilence(400);
            peer.sendAudio(Audio.tone(TONE_HZ, 1.5));
            peer.sendSilence(600);
            Sipp.Result result = call.await();
            assertThat(result.exitCode()).as(result.describe()).isZero();

            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("bot").asText()).isEqualTo("echo");
            assertThat(record.path("recording").asBoolean()).as("call JSON: " + record).isTrue();

            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(server.request("/api/calls/" + callId + "/recording").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("audio/wav");
            byte[] wav = download.body();
            assertThat(download.headers().firstValue("Content-Length")).hasValue(Integer.toString(wav.length));

            ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getShort(22)).as("channels").isEqualTo((short) 2);
            assertThat(b.getInt(24)).as("sample rate").isEqualTo(8000);
            assertThat(b.getShort(34)).as("bits per sample").isEqualTo((short) 16);
            assertThat(b.getInt(40)).as("data size patched at close").isEqualTo(wav.length - 44);
            assertThat(b.getInt(4)).as("RIFF size").isEqualTo(wav.length - 8);

            int frames = (wav.length - 44) / 4;
            short[] left = new short[frames];
            short[] right = new short[frames];
            for (int i = 0; i < frames; i++) {
                left[i] = b.getShort(44 + 4 * i);
                right[i] = b.getShort(44 + 4 * i + 2);
            }
            assertThat(frames).as("the call lasted about 5 s").isBetween(8000 * 3, 8000 * 10);
            assertThat(Audio.toneShare(left, TONE_HZ)).as("caller's tone on the left").isGreaterThan(0.8);
            assertThat(Audio.toneShare(right, TONE_HZ)).as("echoed tone on the right").isGreaterThan(0.8);

            int leftOnset = firstLoudSample(left);
            int rightOnset = firstLoudSample(right);
            assertThat(leftOnset).as("left onset").isPositive();
            assertThat(rightOnset).as("right onset").isPositive();
            double delayMillis = (rightOnset - leftOnset) / 8.0;
            double leftToneMillis = (lastLoudSample(left) - leftOnset) / 8.0;
            Figures.record("recording: echo delay between channels (right onset - left onset)", delayMillis + " ms");
            assertThat(delayMillis).as("the echo follows the caller by a small delay").isBetween(0.0, 300.0);
            assertThat(leftToneMillis).as("the whole tone is on the left").isBetween(1400.0, 1600.0);
            // The echo bot sends back exactly the frames it decoded, so the right channel is the
            // left shifted by whole frames: check the samples themselves line up at that shift.
            // On a loaded machine the echo's pacer may slip by one 20 ms frame within the second
            // (a frame sent late is followed by one sent at once); a sample that lines up one
            // frame either side of the shift is still the same frame, recorded in its place.
            int shift = rightOnset - leftOnset;
            int same = 0;
            for (int i = leftOnset; i < leftOnset + 8000; i++) {
                if (left[i] == right[i + shift] || left[i] == right[i + shift + 160]
                        || (i + shift - 160 >= 0 && left[i] == right[i + shift - 160])) {
                    same++;
                }
            }
            assertThat(same).as("right[n + %d] == left[n] over the tone's first second", shift).isGreaterThan(7900);
        }
    }

    @Test
    void aRecordingCutShortByACrashIsRepairedAtTheNextStart() throws Exception {
        Path work = Files.createTempDirectory("voxgate-recording-crash-it");
        Path node = work.resolve("node");
        String callId;
        Path file;
        try (RtpPeer peer = new RtpPeer()) {
            VoxgateProcess crashed = new VoxgateProcess(node, Map.of("VOXGATE_RECORDING_ENABLED", "true")).start();
            try {
                Sipp sipp = Sipp.scenario("uac-hangup.xml", crashed.sipPort, work.resolve("sipp"));
                callId = sipp.callIdTag("crash-" + UUID.randomUUID());
                Sipp.Running call = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";echo;"))
                        .arg("-d", "30000").start(1, 20);
                assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
                peer.sendAudio(Audio.tone(TONE_HZ, 1.0));
                try (var files = Files.list(node.resolve("recordings"))) {
                    file = files.findFirst().orElseThrow();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (Files.size(file) < 44 + 4 * 8000 && System.nanoTime() < deadline) {
                    Thread.sleep(50); // a second of the call is on disk
                }
                crashed.kill();
                call.process().destroyForcibly();
            } finally {
                crashed.close();
            }
        }
        ByteBuffer left = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(left.getInt(40)).as("the crash left the provisional size").isEqualTo(0xFFFF_FFFF);

        try (VoxgateProcess restarted = new VoxgateProcess(node, Map.of("VOXGATE_RECORDING_ENABLED", "true")).start()) {
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(restarted.request("/api/calls/" + callId + "/recording").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            byte[] wav = download.body();
            ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getInt(40)).as("data size repaired at start-up").isEqualTo(wav.length - 44);
            assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
            assertThat((wav.length - 44) % 4).as("whole stereo samples").isZero();
            short[] callerSide = new short[(wav.length - 44) / 4];
            for (int i = 0; i < callerSide.length; i++) {
                callerSide[i] = b.getShort(44 + 4 * i);
            }
            assertThat(Audio.toneShare(callerSide, TONE_HZ)).as("the caller's tone survived the crash").isGreaterThan(0.8);
            assertThat(restarted.logText()).contains("header repaired");
        }
    }

    private static int firstLoudSample(short[] pcm) {
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > 3000) {
                return i;
            }
        }
        return -1;
    }

    private static int lastLoudSample(short[] pcm) {
        for (int i = pcm.length - 1; i >= 0; i--) {
            if (Math.abs(pcm[i]) > 3000) {
                return i;
            }
        }
        return -1;
    }
}
