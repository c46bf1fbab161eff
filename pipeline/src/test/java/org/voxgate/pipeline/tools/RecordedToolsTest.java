package org.voxgate.pipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.offline.FakeCallContext;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;

class RecordedToolsTest {
    private final List<ToolCallLog> logged = new CopyOnWriteArrayList<>();
    private final List<String> control = new CopyOnWriteArrayList<>();
    private final FakeCallContext base = new FakeCallContext();
    private final ConversationControl conversation = new ConversationControl() {
        @Override public void hangUpAfterReply(String reason) { control.add("hangup " + reason); }
        @Override public void transferFailed(String reason) { control.add("failed " + reason); }
    };

    /** The fake call, plus a tool-call record kept in a list. */
    private final org.voxgate.pipeline.CallContext call = new org.voxgate.pipeline.CallContext() {
        @Override public String callId() { return base.callId(); }
        @Override public String caller() { return base.caller(); }
        @Override public String callee() { return base.callee(); }
        @Override public org.voxgate.media.AudioChannel audio() { return base.audio(); }
        @Override public java.time.Clock clock() { return base.clock(); }
        @Override public void hangup(String reason) { base.hangup(reason); }
        @Override public void transfer(org.voxgate.pipeline.TransferRequest r) { base.transfer(r); }
        @Override public void recordTurn(Speaker s, String t, Instant a, Instant b) { base.recordTurn(s, t, a, b); }
        @Override public void recordToolCall(ToolCallLog toolCall) { logged.add(toolCall); }
    };

    @Test
    void everyRunIsRecordedWithOutcomeAndDurationOnTheCallClock() {
        Tools slow = new Tools() {
            @Override public List<ToolSpec> specs() { return List.of(new ToolSpec("slow", "", "{}")); }
            @Override public String run(ToolCall c) {
                base.clock.advance(Duration.ofMillis(1_250));
                return "{\"done\":true}";
            }
        };
        Tools broken = new Tools() {
            @Override public List<ToolSpec> specs() { return List.of(new ToolSpec("broken", "", "{}")); }
            @Override public String run(ToolCall c) { throw new IllegalStateException("boom"); }
        };
        Tools tools = RecordedTools.of(call,
                CompositeTools.of(List.of(new BuiltInTools(call, conversation), slow, broken)));
        Instant t0 = base.clock.instant();

        tools.run(new ToolCall("1", "slow", "{\"x\":1}"));
        tools.run(new ToolCall("2", "send_dtmf", "{\"digits\":\"1x\"}"));
        String thrown = tools.run(new ToolCall("3", "broken", ""));
        tools.run(new ToolCall("4", "hang_up", "{}"));

        assertThat(thrown).contains("\"error\"").contains("IllegalStateException");
        assertThat(logged).containsExactly(
                new ToolCallLog("slow", "{\"x\":1}", "{\"done\":true}", true, null, t0, 1_250),
                new ToolCallLog("send_dtmf", "{\"digits\":\"1x\"}", "{\"error\":\"digits must be 1-32 of 0-9 * # A-D\"}",
                        false, "digits must be 1-32 of 0-9 * # A-D", t0.plusMillis(1_250), 0),
                new ToolCallLog("broken", "{}", thrown, false, "tool failed: IllegalStateException",
                        t0.plusMillis(1_250), 0),
                new ToolCallLog("hang_up", "{}", logged.get(3).resultJson(), true, null, t0.plusMillis(1_250), 0));
        assertThat(control).containsExactly("hangup bot_hangup");
    }

    @Test
    void configuredToolsOfferTheListedBuiltInsAppointmentsAndWebhooks() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var entries = json.readTree("""
                [{"type": "hang_up"},
                 {"type": "book_appointment", "calendar": "main", "slotMinutes": 30, "timeZone": "Europe/London",
                  "hours": {"mon": "09:00-17:00"}},
                 {"type": "webhook", "name": "lookup_order", "description": "Finds an order",
                  "url": "https://example.com/hooks/order", "timeoutMs": 3000, "retries": 2,
                  "parameters": {"type": "object", "properties": {"order": {"type": "string"}}}}]
                """);
        try (HttpClient http = HttpClient.newHttpClient()) {
            var needs = new ConfiguredTools.Needs("receptionist", new NoCalendar(), http, name -> null, Locale.ENGLISH);
            Tools tools = ConfiguredTools.from(entries, needs).create(call, conversation);

            assertThat(tools.specs()).extracting(ToolSpec::name)
                    .containsExactly("hang_up", "find_free_slots", "book_appointment", "lookup_order");
            assertThat(tools.run(new ToolCall("1", "send_dtmf", "{\"digits\":\"1\"}"))).contains("no such tool");
            assertThat(tools.specs().get(3).parametersSchema()).contains("order");

            var bad = json.readTree("[{\"type\": \"hang_up\"}, {\"type\": \"teleport\"}]");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfiguredTools.from(bad, needs))
                    .hasMessageContaining("/tools/1/type");
            var twice = json.readTree("[{\"type\":\"webhook\",\"name\":\"a\",\"url\":\"http://x/\"},"
                    + "{\"type\":\"webhook\",\"name\":\"a\",\"url\":\"http://y/\"}]");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfiguredTools.from(twice, needs))
                    .hasMessageContaining("/tools/1/name");
        }
    }

    /** A calendar nobody books in: only its presence matters to the factory. */
    private static final class NoCalendar implements org.voxgate.pipeline.tools.calendar.AppointmentCalendar {
        @Override public List<org.voxgate.pipeline.tools.calendar.TimeRange> busy(String c, Instant f, Instant t) {
            return List.of();
        }
        @Override public java.util.Optional<String> book(String c, org.voxgate.pipeline.tools.calendar.TimeRange s,
                BookingParty p) {
            return java.util.Optional.empty();
        }
    }
}
