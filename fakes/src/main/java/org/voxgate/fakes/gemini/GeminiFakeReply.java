package org.voxgate.fakes.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.fakes.realtime.Tone;

/**
 * One model turn of {@link FakeGeminiLive}: 20 ms chunks of a 24 kHz tone as
 * {@code modelTurn} inline data, output transcription word by word, then
 * {@code generationComplete}, {@code turnComplete} with {@code usageMetadata}.
 *
 * <p>Threading: {@link #run} on its own virtual thread; each step holds the connection's lock
 * and nothing more is sent once {@link #stop} (called under that lock) has run.
 */
final class GeminiFakeReply implements Runnable {
    private final GeminiFakeConnection connection;
    private final ReplyScript script;
    private boolean stopped;
    private long sentMillis;
    private final StringBuilder transcript = new StringBuilder();

    GeminiFakeReply(GeminiFakeConnection connection, ReplyScript script) {
        this.connection = connection;
        this.script = script;
    }

    @Override
    public void run() {
        String[] words = script.replyTranscript().split(" ");
        int chunks = Math.max(1, script.replyMillis() / 20);
        Tone tone = new Tone(24000, Tone.REPLY_HZ);
        for (int i = 0; i < chunks; i++) {
            int word = i * words.length / chunks;
            boolean newWord = i == 0 || word != (i - 1) * words.length / chunks;
            synchronized (connection) {
                if (stopped) {
                    return;
                }
                ObjectNode audio = GeminiFakeConnection.JSON.createObjectNode();
                audio.putObject("serverContent").putObject("modelTurn").putArray("parts").addObject()
                        .putObject("inlineData").put("mimeType", "audio/pcm;rate=24000")
                        .put("data", Base64.getEncoder().encodeToString(Tone.littleEndian(tone.next(480))));
                connection.send(audio);
                sentMillis += 20;
                if (newWord) {
                    String text = (word == 0 ? "" : " ") + words[word];
                    transcript.append(text);
                    ObjectNode said = GeminiFakeConnection.JSON.createObjectNode();
                    said.putObject("serverContent").putObject("outputTranscription").put("text", text);
                    connection.send(said);
                }
            }
            try {
                Thread.sleep(script.chunkIntervalMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
        synchronized (connection) {
            if (stopped) {
                return;
            }
            ObjectNode complete = GeminiFakeConnection.JSON.createObjectNode();
            complete.putObject("serverContent").put("generationComplete", true);
            connection.send(complete);
            ObjectNode done = GeminiFakeConnection.JSON.createObjectNode();
            done.putObject("serverContent").put("turnComplete", true);
            done.set("usageMetadata", connection.usage(sentMillis, transcript.toString()));
            connection.finished(this);
            connection.send(done);
        }
    }

    /** Called under the connection's lock: send nothing more. */
    void stop() {
        stopped = true;
    }
}
