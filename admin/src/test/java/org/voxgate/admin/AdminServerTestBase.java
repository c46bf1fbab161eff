package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.store.ApiKey;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/**
 * What the admin API tests share: an H2 store on a temporary file and an HTTP client for the
 * {@link AdminServer} a subclass starts on a free loopback port and assigns to {@link #server}.
 * Subclasses open the store, pass the server through {@link #secure} (which creates the admin
 * key every request is sent with) and start it in {@code @BeforeEach}, and close both in
 * {@code @AfterEach}.
 *
 * <p>Threading: JUnit runs one test of an instance at a time; the HTTP client is thread-safe.
 * Ownership: each test instance owns its store, server and temporary directory.
 */
abstract class AdminServerTestBase {
    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SecureRandom random = new SecureRandom();
    Store store;
    AdminServer server;
    /** The key {@link #send} authenticates with; null sends no Authorization header. */
    String key;

    /** Opens a fresh H2 store in PostgreSQL mode in this test's temporary directory. */
    Store openStore() {
        return Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("voxgate").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
    }

    /** Makes the server check API keys against the store, and creates the admin key {@link #key}. */
    AdminServer secure(AdminServer unsecured) {
        unsecured.useApiKeys(store.apiKeys(), Clock.systemUTC());
        key = createKey("admin");
        return unsecured;
    }

    /** Stores a new key with {@code role} straight in the store and returns it. */
    String createKey(String role) {
        ApiKeyToken token = ApiKeyToken.generate(random);
        if (!store.apiKeys().insert(new ApiKey(token.id(), "test " + role, role, token.hash(),
                java.time.Instant.now(), null, null))) {
            throw new IllegalStateException("key id clash");
        }
        return token.key();
    }

    /** Sends a request to the server with {@link #key}; a non-null body goes as JSON. */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return sendAs(key, method, path, body);
    }

    /** Sends a request authenticated with {@code apiKey} (none when null); a non-null body goes as JSON. */
    HttpResponse<String> sendAs(String apiKey, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(apiKey, path);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request builder for {@code path} on the server, with {@code apiKey} as bearer unless null. */
    HttpRequest.Builder request(String apiKey, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    HttpResponse<String> raw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    /**
     * Sends with {@code apiKey} (none when null) and asserts the refusal: 401 {@code unauthorized}
     * without a key, 403 {@code forbidden} with a key whose role is too small.
     */
    void assertRefused(String apiKey, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> r = sendAs(apiKey, method, path, body);
        int status = apiKey == null ? 401 : 403;
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        assertThat(body(r).get("error").asText()).as(method + " " + path)
                .isEqualTo(status == 401 ? "unauthorized" : "forbidden");
    }
}
