package org.voxgate.fakes.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.fakes.realtime.Tone;

/**
 * One response of {@link FakeOpenAiRealtime}: either a function call, or a paced stream of
 * 20 ms mu-law tone chunks with transcript deltas, ending in {@code response.done}.
 *
 * <p>Threading: {@link #run} on its own virtual thread; every step holds the connection's lock
 * and stops once {@link #cancelled} (called under that lock) has run.
 */
final class OpenAiFakeReply implements Runnable {
    private static final int CHUNK_MILLIS = 20;

    final String id;
    private final OpenAiFakeConnection connection;
    private final ReplyScript script;
    private final boolean callTool;
    private final String itemId;
    private boolean cancelled;
    private long sentMillis;
    private final StringBuilder transcript = new StringBuilder();

    OpenAiFakeReply(OpenAiFakeConnection connection, ReplyScript script, boolean callTool) {
        this.connection = connection;
        this.script = script;
        this.callTool = callTool;
        this.id = connection.newId("resp");
        this.itemId = connection.newId("item");
    }

    @Override
    public void run() {
        if (!step(() -> {
            ObjectNode created = OpenAiFakeConnection.event("response.created");
            created.putObject("response").put("id", id).put("object", "realtime.response").put("status", "in_progress")
                    .putArray("output");
            connection.send(created);
        })) {
            return;
        }
        if (callTool) {
            step(this::functionCall);
        } else {
            audio();
        }
    }

    private void functionCall() {
        String callId = connection.newId("call");
        ObjectNode item = OpenAiFakeConnection.JSON.createObjectNode().put("id", itemId).put("type", "function_call")
                .put("status", "completed").put("name", script.toolName()).put("call_id", callId)
                .put("arguments", script.toolArguments());
        ObjectNode added = item.deepCopy().put("status", "in_progress").put("arguments", "");
        if (connection.beta) {
            added.remove("name"); // beta clients must learn the name from output_item.done
        }
        connection.send(withItem("response.output_item.added", added));
        connection.send(delta("response.function_call_arguments.delta", script.toolArguments()).put("call_id", callId));
        ObjectNode done = OpenAiFakeConnection.event("response.function_call_arguments.done").put("response_id", id)
                .put("item_id", itemId).put("output_index", 0).put("call_id", callId)
                .put("arguments", script.toolArguments());
        if (!connection.beta) {
            done.put("name", script.toolName()); // GA names the function here; beta only in the item
        }
        connection.send(done);
        connection.send(withItem("response.output_item.done", item));
        connection.finished(this, itemId, callId);
        connection.send(responseDone("completed", null));
    }

    private void audio() {
        String prefix = connection.beta ? "response.audio" : "response.output_audio";
        ObjectNode item = OpenAiFakeConnection.JSON.createObjectNode().put("id", itemId).put("type", "message")
                .put("role", "assistant").put("status", "in_progress");
        item.putArray("content");
        if (!step(() -> connection.send(withItem("response.output_item.added", item)))) {
            return;
        }
        String[] words = script.replyTranscript().split(" ");
        int chunks = Math.max(1, script.replyMillis() / CHUNK_MILLIS);
        Tone tone = new Tone(8000, Tone.REPLY_HZ);
        for (int i = 0; i < chunks; i++) {
            int word = i * words.length / chunks;
            boolean newWord = i == 0 || word != (i - 1) * words.length / chunks;
            if (!step(() -> {
                String audio = Base64.getEncoder().encodeToString(Tone.ulaw(tone.next(8 * CHUNK_MILLIS)));
                connection.send(delta(prefix + ".delta", audio));
                sentMillis += CHUNK_MILLIS;
                connection.audioSent(itemId, sentMillis);
                if (newWord) {
                    String text = (word == 0 ? "" : " ") + words[word];
                    transcript.append(text);
                    connection.send(delta(prefix + "_transcript.delta", text));
                }
            })) {
                return;
            }
            pause();
        }
        step(() -> {
            connection.send(delta(prefix + ".done", null));
            connection.send(delta(prefix + "_transcript.done", null).put("transcript", transcript.toString()));
            connection.send(withItem("response.output_item.done", item.put("status", "completed")));
            connection.finished(this, itemId, null);
            connection.send(responseDone("completed", null));
        });
    }

    /** Runs one piece of the reply under the connection's lock unless it was cancelled. */
    private boolean step(Runnable send) {
        synchronized (connection) {
            if (cancelled) {
                return false;
            }
            send.run();
            return true;
        }
    }

    private void pause() {
        try {
            Thread.sleep(script.chunkIntervalMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called under the connection's lock: the reply ends with {@code response.done} cancelled. */
    void cancelled(String reason) {
        cancelled = true;
        connection.send(responseDone("cancelled", reason));
    }

    /** The socket closed: stop without a word. */
    void cancelledSilently() {
        cancelled = true;
    }

    private ObjectNode delta(String type, String delta) {
        ObjectNode event = OpenAiFakeConnection.event(type).put("response_id", id).put("item_id", itemId)
                .put("output_index", 0).put("content_index", 0);
        return delta == null ? event : event.put("delta", delta);
    }

    private ObjectNode withItem(String type, ObjectNode item) {
        ObjectNode event = OpenAiFakeConnection.event(type).put("response_id", id).put("output_index", 0);
        event.set("item", item.deepCopy());
        return event;
    }

    private ObjectNode responseDone(String status, String reason) {
        ObjectNode done = OpenAiFakeConnection.event("response.done");
        ObjectNode response = done.putObject("response").put("id", id).put("object", "realtime.response")
                .put("status", status);
        if (reason != null) {
            response.putObject("status_details").put("type", status).put("reason", reason);
        }
        response.set("usage", connection.usage(sentMillis, transcript.toString()));
        return done;
    }
}
