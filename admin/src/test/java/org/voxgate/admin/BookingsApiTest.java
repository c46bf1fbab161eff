package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.ToolCallRecord;

/** /api/bookings and the toolCalls of a call's detail, served for real over an H2 store. */
class BookingsApiTest extends AdminServerTestBase {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    @BeforeEach
    void start() {
        store = openStore();
        server = new AdminServer(new AdminConfig("127.0.0.1", 0), store.calls(), () -> Map.of("store", true),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.add(new BookingsApi(store.bookings(), Clock.fixed(NOW, ZoneOffset.UTC)));
        secure(server).start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> book(String startsAt, String extra) throws Exception {
        return send("POST", "/api/bookings", "{\"calendar\":\"main\",\"startsAt\":\"" + startsAt + "\""
                + extra + "}");
    }

    private void assertError(HttpResponse<String> r, int status, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode b = body(r);
        assertThat(b.get("field").asText()).isEqualTo(field);
        assertThat(b.get("message").asText()).isNotBlank();
    }

    @Test
    void manualBookingConflictsAndCancellationFreesTheSlot() throws Exception {
        HttpResponse<String> created = book("2026-11-24T10:00:00Z",
                ",\"caller\":\"+441234\",\"name\":\"Ann Smith\",\"notes\":\"first visit\"");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode b = body(created);
        String id = b.get("id").asText();
        assertThat(b.get("status").asText()).isEqualTo("booked");
        assertThat(Instant.parse(b.get("startsAt").asText())).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(Instant.parse(b.get("endsAt").asText())).isEqualTo(Instant.parse("2026-11-24T10:30:00Z"));
        assertThat(Instant.parse(b.get("createdAt").asText())).isEqualTo(NOW);

        // Same instant written in another offset, and an overlapping one: both taken.
        assertError(book("2026-11-24T11:00:00+01:00", ""), 409, "startsAt");
        assertError(book("2026-11-24T10:15:00Z", ",\"minutes\":15"), 409, "startsAt");

        HttpResponse<String> fetched = get("/api/bookings/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(body(fetched).get("name").asText()).isEqualTo("Ann Smith");

        HttpResponse<String> cancelled = send("DELETE", "/api/bookings/" + id, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(body(cancelled).get("status").asText()).isEqualTo("cancelled");
        assertThat(book("2026-11-24T10:00:00Z", ",\"endsAt\":\"2026-11-24T10:45:00Z\"").statusCode()).isEqualTo(201);

        assertThat(get("/api/bookings/nope").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/bookings/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void listFiltersAndPages() throws Exception {
        for (int h = 9; h < 14; h++) {
            assertThat(book(String.format("2026-11-24T%02d:00:00Z", h), ",\"caller\":\"" + (h % 2 == 0 ? "+even" : "+odd") + "\"")
                    .statusCode()).isEqualTo(201);
        }
        send("POST", "/api/bookings", "{\"calendar\":\"annex\",\"startsAt\":\"2026-11-24T09:00:00Z\"}");

        JsonNode page = body(get("/api/bookings?calendar=main&limit=2&offset=1"));
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("startsAt").asText()).startsWith("2026-11-24T10:00");
        JsonNode window = body(get("/api/bookings?from=2026-11-24T10:00:00Z&to=2026-11-24T12:00:00Z"));
        assertThat(window.get("total").asLong()).isEqualTo(2);
        assertThat(body(get("/api/bookings?caller=%2Beven")).get("total").asLong()).isEqualTo(2);
        assertThat(body(get("/api/bookings?status=cancelled")).get("total").asLong()).isZero();
        assertThat(body(get("/api/bookings")).get("total").asLong()).isEqualTo(6);
    }

    @Test
    void badInputNamesTheField() throws Exception {
        assertError(get("/api/bookings?from=yesterday"), 400, "from");
        assertError(get("/api/bookings?to=2026-11-24"), 400, "to");
        assertError(get("/api/bookings?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z"), 400, "to");
        assertError(get("/api/bookings?status=maybe"), 400, "status");
        assertError(get("/api/bookings?limit=0"), 400, "limit");
        assertError(send("POST", "/api/bookings", "{\"startsAt\":\"2026-11-24T10:00:00Z\"}"), 400, "calendar");
        assertError(send("POST", "/api/bookings", "{\"calendar\":\"Main Room\",\"startsAt\":\"2026-11-24T10:00:00Z\"}"),
                400, "calendar");
        assertError(send("POST", "/api/bookings", "{\"calendar\":\"main\"}"), 400, "startsAt");
        assertError(book("2026-11-24 10:00", ""), 400, "startsAt");
        assertError(book("2026-11-22T10:00:00Z", ""), 400, "startsAt");
        assertError(book("2026-11-24T10:00:00Z", ",\"endsAt\":\"2026-11-24T09:00:00Z\""), 400, "endsAt");
        assertError(book("2026-11-24T10:00:00Z", ",\"minutes\":0"), 400, "minutes");
        assertError(book("2026-11-24T10:00:00Z", ",\"minutes\":30,\"endsAt\":\"2026-11-24T10:30:00Z\""), 400,
                "minutes");
        assertError(book("2026-11-24T10:00:00Z", ",\"room\":\"3\""), 400, "room");
        assertError(book("2026-11-24T10:00:00Z", ",\"name\":\"" + "x".repeat(300) + "\""), 400, "name");
        assertThat(body(get("/api/bookings")).get("total").asLong()).isZero();
    }

    @Test
    void callDetailShowsToolCallsAsJson() throws Exception {
        Instant t = Instant.parse("2026-11-23T07:00:00Z");
        try (CallRecordWriter writer = new CallRecordWriter(store.calls(), dir.resolve("journal"),
                Clock.systemUTC())) {
            writer.callUpdated(new CallRecord("c-7", "inbound", "sip:+441234@x", "sip:desk@y", "receptionist", t,
                    t.plusSeconds(1), null, null, "PCMU", List.of()));
            writer.toolCallAdded("c-7", new ToolCallRecord(1, "book_appointment",
                    "{\"start\":\"2026-11-24T10:00\",\"name\":\"Ann\"}", "{\"booked\":true,\"bookingId\":\"b1\"}",
                    true, null, t.plusSeconds(20), 35));
            writer.toolCallAdded("c-7", new ToolCallRecord(2, "lookup_order", "{}", null, false, "timed out",
                    t.plusSeconds(30), 3000));
            assertThat(writer.flush(java.time.Duration.ofSeconds(20))).isTrue();
        }

        JsonNode detail = body(get("/api/calls/c-7"));

        JsonNode calls = detail.get("toolCalls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("tool").asText()).isEqualTo("book_appointment");
        assertThat(calls.get(0).get("arguments").get("name").asText()).isEqualTo("Ann");
        assertThat(calls.get(0).get("result").get("booked").asBoolean()).isTrue();
        assertThat(calls.get(0).get("ok").asBoolean()).isTrue();
        assertThat(calls.get(0).get("durationMs").asLong()).isEqualTo(35);
        assertThat(calls.get(1).get("ok").asBoolean()).isFalse();
        assertThat(calls.get(1).get("error").asText()).isEqualTo("timed out");
        assertThat(calls.get(1).get("result").isNull()).isTrue();
    }

    @Test
    void readsNeedAViewerKeyAndWritesAnOperatorKey() throws Exception {
        String id = body(book("2026-11-24T10:00:00Z", "")).get("id").asText();
        String viewer = createKey("viewer");
        String operator = createKey("operator");
        String booking = "{\"calendar\":\"main\",\"startsAt\":\"2026-11-24T12:00:00Z\"}";
        for (String path : List.of("/api/bookings", "/api/bookings/" + id)) {
            assertRefused(null, "GET", path, null);
            assertThat(sendAs(viewer, "GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
        assertRefused(null, "POST", "/api/bookings", booking);
        assertRefused(viewer, "POST", "/api/bookings", booking);
        assertRefused(null, "DELETE", "/api/bookings/" + id, null);
        assertRefused(viewer, "DELETE", "/api/bookings/" + id, null);
        assertThat(body(get("/api/bookings?status=booked")).get("total").asLong())
                .as("refused writes change nothing").isEqualTo(1);

        assertThat(sendAs(operator, "POST", "/api/bookings", booking).statusCode()).isEqualTo(201);
        assertThat(sendAs(operator, "DELETE", "/api/bookings/" + id, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theDocumentedInputFieldsAreTheOnesTheEndpointAccepts() {
        // Routes, roles and $refs of every fragment are checked by OpenApiDocumentTest; this is
        // what it cannot see: the request body's schema against the record Jackson binds.
        JsonNode doc = OpenApiDocument.load(AdminServer.objectMapper()).tree();
        assertThat(doc.at("/paths/~1api~1bookings/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/BookingInput");
        assertThat(doc.at("/components/schemas/BookingInput/properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder(java.util.Arrays.stream(BookingsApi.BookingInput.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName).toArray(String[]::new));
    }
}
