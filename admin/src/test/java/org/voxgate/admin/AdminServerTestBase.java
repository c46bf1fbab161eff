package org.voxgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/**
 * What the admin API tests share: an H2 store on a temporary file and an HTTP client for the
 * {@link AdminServer} a subclass starts on a free loopback port and assigns to {@link #server}.
 * Subclasses open the store and start the server in {@code @BeforeEach}, and close both in
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
    Store store;
    AdminServer server;

    /** Opens a fresh H2 store in PostgreSQL mode in this test's temporary directory. */
    Store openStore() {
        return Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("voxgate").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
    }

    /** Sends a request to the server; a non-null body goes as JSON. */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }
}
