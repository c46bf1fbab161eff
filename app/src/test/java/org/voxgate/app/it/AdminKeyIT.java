package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first admin key of a real node: generated and printed once on a fresh data directory,
 * never again on a restart; VOXGATE_ADMIN_KEY added beside it; every route but /health and
 * /metrics refused without a key; the running node documents every route it serves.
 */
class AdminKeyIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFreshNodePrintsOneKeyOnceAndARestartKeepsIt() throws Exception {
        Path node = Files.createTempDirectory("voxgate-adminkey-it").resolve("node");
        String generated;
        try (VoxgateProcess server = new VoxgateProcess(node, Map.of()).withoutAdminKey().withoutLoopbackTrunk().start()) {
            List<String> printed = server.printedAdminKeys();
            assertThat(printed).as(server.logText()).hasSize(1);
            generated = printed.get(0);
            assertThat(server.logText()).contains("shown only this once");
            // the key is on stdout once and in no log line (log lines start with a time)
            assertThat(server.logText().lines().filter(l -> l.contains(generated)).toList()).hasSize(1);
            assertThat(server.apiKey()).isEqualTo(generated);

            assertThat(server.getJson("/api/calls").get("total").asInt()).isZero();
            JsonNode keys = server.getJson("/api/keys");
            assertThat(keys.get("total").asInt()).isEqualTo(1);
            assertThat(keys.toString()).doesNotContain(generated);

            server.useApiKey(null);
            assertThat(server.get("/api/calls").statusCode()).isEqualTo(401);
            assertThat(server.get("/api/calls").headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
            assertThat(server.logText()).as("every route the node serves is in the OpenAPI document")
                    .doesNotContain("missing from the OpenAPI document");
        }

        String fromEnv = VoxgateProcess.newKey();
        try (VoxgateProcess restarted = new VoxgateProcess(node, Map.of(VoxgateProcess.ADMIN_KEY_ENV, fromEnv))
                .withoutLoopbackTrunk().start()) {
            assertThat(restarted.printedAdminKeys()).as("no new key printed").containsExactly(generated);
            assertThat(restarted.getJson("/api/keys").get("total").asInt()).isEqualTo(2);
            restarted.useApiKey(generated);
            JsonNode viewer = restarted.post("/api/keys", "{\"name\":\"it viewer\",\"role\":\"viewer\"}", 201);
            restarted.useApiKey(viewer.get("key").asText());
            assertThat(restarted.get("/api/openapi.json").statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(restarted.get("/api/openapi.json").body()).get("openapi").asText())
                    .isEqualTo("3.1.0");
            assertThat(restarted.send("POST", "/api/keys", "{\"name\":\"x\",\"role\":\"admin\"}").statusCode())
                    .isEqualTo(403);
        }

        try (VoxgateProcess third = new VoxgateProcess(node, Map.of()).withoutAdminKey().withoutLoopbackTrunk()
                .start()) {
            assertThat(third.printedAdminKeys()).as("admin keys exist: nothing printed").containsExactly(generated);
            third.useApiKey(fromEnv);
            assertThat(third.getJson("/api/keys").get("total").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aMalformedVariableStopsStartUpNamingIt() throws Exception {
        Path node = Files.createTempDirectory("voxgate-adminkey-bad-it").resolve("node");
        VoxgateProcess server = new VoxgateProcess(node, Map.of(VoxgateProcess.ADMIN_KEY_ENV, "letmein"))
                .withoutLoopbackTrunk();
        try {
            server.start();
            throw new AssertionError("started with a malformed VOXGATE_ADMIN_KEY");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("VOXGATE_ADMIN_KEY").doesNotContain("letmein");
        } finally {
            server.close();
        }
    }
}
