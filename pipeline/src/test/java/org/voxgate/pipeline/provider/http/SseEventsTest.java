package org.voxgate.pipeline.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventsTest {
    private static List<SseEvent> parse(String text) {
        SseEvents parser = new SseEvents();
        List<SseEvent> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            SseEvent e = parser.line(line);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void dataOnlyEventsAreMessages() {
        assertThat(parse("data: {\"a\":1}\n\ndata: [DONE]\n\n"))
                .containsExactly(new SseEvent("message", "{\"a\":1}"), new SseEvent("message", "[DONE]"));
    }

    @Test
    void namedEventsWithCommentsAndMultiLineData() {
        assertThat(parse(": keep-alive\nevent: ping\ndata: {\"type\": \"ping\"}\n\n"
                + "event:content_block_delta\ndata:first\ndata:  second\nid: 7\n\n"))
                .containsExactly(new SseEvent("ping", "{\"type\": \"ping\"}"),
                        new SseEvent("content_block_delta", "first\n second"));
    }

    @Test
    void blankLinesWithoutDataDispatchNothingAndStateResets() {
        assertThat(parse("\n\nevent: a\n\ndata: x\n\n"))
                .containsExactly(new SseEvent("message", "x"));
    }

    @Test
    void anUnterminatedEventAtTheEndIsDropped() {
        assertThat(parse("data: whole\n\ndata: cut")).containsExactly(new SseEvent("message", "whole"));
    }

    @Test
    void emptyDataFieldStillCountsAsData() {
        assertThat(parse("data\n\n")).containsExactly(new SseEvent("message", ""));
    }
}
