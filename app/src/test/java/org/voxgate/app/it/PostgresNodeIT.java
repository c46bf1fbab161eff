package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The server process on PostgreSQL (127.0.0.1:5432, database {@code test}) instead of the
 * embedded H2: a {@code VOXGATE_DB_URL} switches it, migrations run, and a call's record
 * lands in PostgreSQL. Uses a fresh schema so runs never collide. With {@code CI=true} an
 * unreachable PostgreSQL fails this test; elsewhere it is skipped with a message.
 */
class PostgresNodeIT {
    @Test
    void aCallIsRecordedInPostgres() throws Exception {
        PostgresSchemas.inFreshSchema(this::runCall);
    }

    private void runCall(String url) throws Exception {
        Path work = Files.createTempDirectory("voxgate-pg-it");
        String callId;
        try (RtpPeer peer = new RtpPeer();
                VoxgateProcess server = new VoxgateProcess(work.resolve("node"),
                        Map.of("VOXGATE_DB_URL", url, "VOXGATE_DB_USER", "postgres")).start()) {
            Sipp scenario = Sipp.scenario("uac-hangup.xml", server.sipPort, work.resolve("sipp"));
            callId = scenario.callIdTag("pg-" + UUID.randomUUID());
            Sipp.Result result = scenario.inject(List.of("127.0.0.1;" + peer.port() + ";echo;"))
                    .arg("-d", "1000").start(1, 30).await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
            JsonNode record = server.awaitEndedCall(callId);
            assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
        }
        try (Connection db = PostgresSchemas.connect(url);
                PreparedStatement query = db.prepareStatement("SELECT bot, end_reason FROM calls WHERE call_id = ?")) {
            query.setString(1, callId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the call's row in PostgreSQL").isTrue();
                assertThat(row.getString("bot")).isEqualTo("echo");
                assertThat(row.getString("end_reason")).isEqualTo("caller_hangup");
            }
        }
    }
}
