package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI fragments of caller profiles, analytics, the CSV export and transfers: every route
 * those resources register is documented, and every {@code $ref} resolves inside its fragment.
 */
class CallerOpenApiFragmentsTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode fragment(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/openapi/" + name)) {
            assertThat(in).as(name).isNotNull();
            return json.readTree(in);
        }
    }

    @Test
    void everyRouteIsDocumentedAndEveryReferenceResolves() throws IOException {
        Map<String, List<String>> expected = Map.of(
                "callers.json", List.of("get /api/callers", "get /api/callers/{phone}", "put /api/callers/{phone}",
                        "patch /api/callers/{phone}", "delete /api/callers/{phone}"),
                "analytics.json", List.of("get /api/analytics/bots"),
                "calls-export-transfer.json", List.of("get /api/calls/export.csv", "post /api/calls/{id}/transfer"));
        for (var entry : expected.entrySet()) {
            JsonNode doc = fragment(entry.getKey());
            for (String route : entry.getValue()) {
                String[] parts = route.split(" ");
                JsonNode op = doc.path("paths").path(parts[1]).path(parts[0]);
                assertThat(op.isObject()).as(entry.getKey() + ": " + route).isTrue();
                assertThat(op.path("responses").size()).as(route + " responses").isPositive();
                assertThat(op.path("x-voxgate-role").asText()).as(route + " role").isIn("viewer", "operator", "admin");
            }
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            for (String ref : refs) {
                assertThat(ref).startsWith("#/components/schemas/");
                String schema = ref.substring("#/components/schemas/".length());
                assertThat(doc.path("components").path("schemas").has(schema)).as(entry.getKey() + " " + ref).isTrue();
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
