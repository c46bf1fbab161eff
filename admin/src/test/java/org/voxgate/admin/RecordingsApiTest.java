package org.voxgate.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallRecord;

/** {@code GET /api/calls/{id}/recording} and the call JSON's {@code recording} flag over real HTTP. */
class RecordingsApiTest extends AdminServerTestBase {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    /** Files by call id, and calls still being recorded: what the application would know. */
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final Set<String> recordingNow = ConcurrentHashMap.newKeySet();
    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() {
        store = openStore();
        for (String id : List.of("done", "live", "plain")) {
            store.calls().upsert(new CallRecord(id, "inbound", "sip:alice@example.com", "sip:echo@voxgate.test",
                    "echo", T0, T0.plusSeconds(1), null, null, "PCMU", List.of()));
        }
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), Map::of, registry);
        server.serveRecordings(new CallRecordingFiles() {
            @Override
            public boolean inProgress(String callId) {
                return recordingNow.contains(callId);
            }

            @Override
            public Optional<Path> finished(String callId) {
                return Optional.ofNullable(files.get(callId)).filter(Files::exists);
            }
        });
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        registry.close();
    }

    @Test
    void aFinishedRecordingStreamsAsWavWithItsLength() throws Exception {
        byte[] wav = new byte[44 + 64_000];
        new java.util.Random(3).nextBytes(wav);
        Path file = dir.resolve("done.wav");
        Files.write(file, wav);
        files.put("done", file);

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                request(key, "/api/calls/done/recording")
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(String.valueOf(wav.length), response.headers().firstValue("Content-Length").orElseThrow());
        assertArrayEquals(wav, response.body());

        assertTrue(body(get("/api/calls/done")).get("recording").asBoolean());
    }

    @Test
    void aCallWithoutARecordingIs404WithAJsonError() throws Exception {
        HttpResponse<String> response = get("/api/calls/plain/recording");
        assertEquals(404, response.statusCode());
        assertEquals("not_found", body(response).get("error").asText());
        assertEquals("call plain has no recording", body(response).get("message").asText());
        assertFalse(body(get("/api/calls/plain")).get("recording").asBoolean());
        assertEquals("echo", body(get("/api/calls/plain")).get("bot").asText(), "the rest of the call is unchanged");
    }

    @Test
    void aRecordingDeletedByRetentionIs404() throws Exception {
        Path file = dir.resolve("gone.wav");
        files.put("done", file); // known, but the file is no longer there
        assertEquals(404, get("/api/calls/done/recording").statusCode());
    }

    @Test
    void aCallStillBeingRecordedIs409() throws Exception {
        recordingNow.add("live");
        HttpResponse<String> response = get("/api/calls/live/recording");
        assertEquals(409, response.statusCode());
        assertEquals("conflict", body(response).get("error").asText());
        assertTrue(body(get("/api/calls/live")).get("recording").asBoolean());
    }
}
