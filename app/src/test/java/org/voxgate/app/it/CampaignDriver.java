package org.voxgate.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives campaigns through a server's admin API for the campaign tests and the campaign
 * benchmark: uploads contacts as CSV, starts, waits for the end, and reads every contact with
 * its attempts. Owned by one test thread.
 */
final class CampaignDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final VoxgateProcess server;

    CampaignDriver(VoxgateProcess server) {
        this.server = server;
    }

    /** A trunk named {@code name} to the SIPp carrier, without limits of its own. */
    void trunkTo(String name, SippCarrier carrier) throws IOException, InterruptedException {
        server.post("/api/trunks", """
                {"name":"%s","peerHost":"%s","peerPort":%d,"fromUser":"+442071234567","defaultBot":"echo"}"""
                .formatted(name, carrier.host(), carrier.port()), 201);
    }

    /** Creates a campaign from its JSON body; returns its id. */
    String create(String body) throws IOException, InterruptedException {
        return server.post("/api/campaigns", body, 201).path("id").asText();
    }

    /** POSTs {@code csv} as the campaign's contacts; returns the answer (added, skipped, rejected). */
    JsonNode upload(String campaignId, String csv) throws IOException, InterruptedException {
        HttpRequest request = server.request("/api/campaigns/" + campaignId + "/contacts")
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    void action(String campaignId, String action) throws IOException, InterruptedException {
        server.post("/api/campaigns/" + campaignId + "/" + action, "{}", 200);
    }

    String state(String campaignId) throws IOException, InterruptedException {
        return server.getJson("/api/campaigns/" + campaignId).path("state").asText();
    }

    JsonNode results(String campaignId) throws IOException, InterruptedException {
        return server.getJson("/api/campaigns/" + campaignId + "/results");
    }

    /** Waits until the campaign is completed; fails with its progress and the log otherwise. */
    void awaitCompleted(String campaignId, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = state(campaignId);
            if ("completed".equals(state)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("campaign still " + state + " after " + within + ": " + results(campaignId)
                + "\n" + server.logText());
    }

    /** A contact as the API shows it, with its attempts' outcomes in order and their claim times. */
    record Contact(long id, String phone, String status, String outcome, int attempts, List<String> attemptOutcomes,
            List<Instant> claimedAt, List<String> amd, List<String> details, List<String> nodes) {
    }

    /** Every contact of the campaign with its attempts, by phone number. */
    Map<String, Contact> contacts(String campaignId) throws IOException, InterruptedException {
        Map<String, Contact> byPhone = new HashMap<>();
        int offset = 0;
        while (true) {
            JsonNode page = server.getJson("/api/campaigns/" + campaignId + "/contacts?offset=" + offset + "&limit=100");
            for (JsonNode c : page.path("items")) {
                JsonNode detail = server.getJson("/api/campaigns/" + campaignId + "/contacts/" + c.path("id").asLong());
                List<String> outcomes = new java.util.ArrayList<>();
                List<Instant> claimed = new java.util.ArrayList<>();
                List<String> amd = new java.util.ArrayList<>();
                List<String> details = new java.util.ArrayList<>();
                List<String> nodes = new java.util.ArrayList<>();
                for (JsonNode a : detail.path("attempts")) {
                    details.add(a.path("detail").asText(null));
                    nodes.add(a.path("node").asText(null));
                    outcomes.add(a.path("outcome").asText(null));
                    claimed.add(a.hasNonNull("claimedAt") ? Instant.parse(a.path("claimedAt").asText()) : null);
                    amd.add(a.path("amdResult").asText(null));
                }
                byPhone.put(c.path("phone").asText(), new Contact(c.path("id").asLong(), c.path("phone").asText(),
                        c.path("status").asText(), c.path("outcome").asText(null), c.path("attempts").asInt(),
                        outcomes, claimed, amd, details, nodes));
            }
            offset += page.path("items").size();
            if (page.path("items").isEmpty() || offset >= page.path("total").asLong()) {
                return byPhone;
            }
        }
    }
}
