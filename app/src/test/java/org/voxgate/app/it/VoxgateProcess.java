package org.voxgate.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Voxgate server as a child process ({@code java -jar app/target/voxgate.jar}) on
 * free loopback ports with its own data directory, for integration tests. It starts with a
 * fresh admin key in {@code VOXGATE_ADMIN_KEY} (or the one {@code extraEnv} names), which
 * {@link #get}, {@link #send} and {@link #post} send as {@code Authorization: Bearer}.
 */
final class VoxgateProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY_ENV = "VOXGATE_ADMIN_KEY";
    /** The line the server prints a generated admin key on (indented by four spaces). */
    private static final Pattern PRINTED_KEY = Pattern.compile("(?m)^ {4}(vxg_[0-9A-Za-z]{8}_[0-9A-Za-z]{32,})$");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    final int sipPort;
    final int httpPort;
    final int rtpBase;
    final Path dataDir;
    final Path log;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private long startMillis;
    private boolean loopbackTrunk = true;
    private String apiKey;

    VoxgateProcess(Path dataDir, Map<String, String> extraEnv) {
        this.sipPort = FreePorts.udpAndTcp();
        this.httpPort = FreePorts.tcp();
        this.rtpBase = FreePorts.udpRange(200);
        this.dataDir = dataDir;
        this.log = dataDir.resolve("voxgate.log");
        this.env = new HashMap<>();
        env.put("VOXGATE_SIP_PORT", Integer.toString(sipPort));
        env.put("VOXGATE_SIP_HOST", "127.0.0.1");
        env.put("VOXGATE_SIP_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_RTP_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_RTP_PORTS", rtpBase + "-" + (rtpBase + 199));
        env.put("VOXGATE_HTTP_PORT", Integer.toString(httpPort));
        env.put("VOXGATE_HTTP_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_DATA_DIR", dataDir.toString());
        env.put(ADMIN_KEY_ENV, newKey());
        env.putAll(extraEnv);
        apiKey = env.get(ADMIN_KEY_ENV);
    }

    /** A well-formed API key nobody else has. */
    static String newKey() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder key = new StringBuilder("vxg_");
        for (int i = 0; i < 48; i++) {
            if (i == 8) {
                key.append('_');
            }
            key.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    /**
     * Starts without {@code VOXGATE_ADMIN_KEY}, so the server generates and prints a key when it
     * has none; {@link #start} then authenticates with the key printed in the log, if any.
     */
    VoxgateProcess withoutAdminKey() {
        env.remove(ADMIN_KEY_ENV);
        apiKey = null;
        return this;
    }

    /** The key requests are sent with (null: none). */
    String apiKey() {
        return apiKey;
    }

    /** Sends {@code key} from now on (null: no Authorization header). */
    VoxgateProcess useApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /** Every admin key the server printed to its log (all runs on this data directory). */
    List<String> printedAdminKeys() {
        List<String> keys = new java.util.ArrayList<>();
        Matcher m = PRINTED_KEY.matcher(logText());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** A request builder for {@code path} carrying the current key. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("voxgate.jar", "target/voxgate.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the server first (mvn package): " + jar + " is missing");
        }
        return jar;
    }

    /**
     * Leaves out the trunk {@code loopback} that {@link #start} otherwise creates, so that no
     * source address is trusted (tests of inbound authentication).
     */
    VoxgateProcess withoutLoopbackTrunk() {
        loopbackTrunk = false;
        return this;
    }

    /**
     * Starts the process and waits until {@code /health} answers 200. Then, unless
     * {@link #withoutLoopbackTrunk} was called, creates the trunk {@code loopback} whose inbound
     * source is 127.0.0.1 and whose default bot is the receptionist: INVITEs are refused unless
     * they come from a trunk or carry digest credentials, and test peers call from 127.0.0.1.
     */
    VoxgateProcess start() throws Exception {
        Files.createDirectories(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        startMillis = System.currentTimeMillis();
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("voxgate exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    if (apiKey == null) {
                        List<String> printed = printedAdminKeys();
                        apiKey = printed.isEmpty() ? null : printed.get(printed.size() - 1);
                    }
                    if (loopbackTrunk) {
                        HttpResponse<String> created = send("POST", "/api/trunks",
                                "{\"name\":\"loopback\",\"inboundSources\":[\"127.0.0.1\"],\"defaultBot\":\"receptionist\"}");
                        // 409: a restart on the same data directory already has it
                        if (created.statusCode() != 201 && created.statusCode() != 409) {
                            terminate(); // nobody else holds this process to stop it
                            throw new IllegalStateException("could not create the loopback trunk: " + created.body());
                        }
                    }
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("voxgate did not become healthy in 60 s:\n" + logText());
    }

    /** Milliseconds from process launch to the moment it reported healthy (measured by us). */
    long launchedAtMillis() { return startMillis; }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = request(path).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a JSON body (or none when {@code body} is null). */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = request(path).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs JSON and expects {@code status}; returns the answer's JSON. */
    JsonNode post(String path, String body, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", path, body);
        if (response.statusCode() != status) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls {@code /api/calls/{id}} until the call has an end reason (records are written asynchronously). */
    JsonNode awaitEndedCall(String callId) throws IOException, InterruptedException {
        return awaitEndedCall(callId, Duration.ofSeconds(10));
    }

    /** As {@link #awaitEndedCall(String)}, for calls that may still run for a while ({@code within}). */
    JsonNode awaitEndedCall(String callId, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/calls/" + callId);
            last = response.body();
            if (response.statusCode() == 200) {
                JsonNode record = JSON.readTree(last);
                if (record.hasNonNull("endReason")) {
                    return record;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no finished record for " + callId + ": " + last + "\n" + logText());
    }

    /** The value of one Prometheus sample line, e.g. {@code voxgate_rtp_ports_allocated}. */
    double metric(String sample) throws IOException, InterruptedException {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        throw new IllegalStateException("no metric " + sample);
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Sends SIGTERM and waits for the process to exit; returns its exit status. */
    int terminate() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** Kills the process at once (SIGKILL, as in a crash or power loss) and waits for it to go. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            terminate();
        }
    }
}
