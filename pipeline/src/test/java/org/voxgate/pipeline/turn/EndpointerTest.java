package org.voxgate.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.turn.Endpointer.Event;

/** The endpointer driven frame by frame on a 20 ms timeline. */
class EndpointerTest {
    private static final long MS = 1_000_000L;
    private final TurnTakingSettings settings = new TurnTakingSettings(2, 60, 300, 1000, 200, 1, true, Set.of(), 3000);
    private final Endpointer ep = new Endpointer(settings);
    private long now;

    /** Feeds {@code frames} frames and returns the first event other than NONE (or NONE). */
    private Event feed(boolean voiced, int frames) {
        Event first = Event.NONE;
        for (int i = 0; i < frames; i++) {
            now += 20 * MS;
            Event e = ep.onFrame(voiced, now);
            if (first == Event.NONE) {
                first = e;
            }
        }
        return first;
    }

    @Test
    void speechStartsAfterTheOnsetRunAndShortBlipsDoNot() {
        assertThat(feed(true, 2)).isEqualTo(Event.NONE); // 40 ms: a click
        assertThat(feed(false, 1)).isEqualTo(Event.NONE);
        assertThat(feed(true, 3)).isEqualTo(Event.SPEECH_STARTED);
        assertThat(ep.speechStartNanos()).as("start of the first voiced frame of the run").isEqualTo(60 * MS);
        assertThat(ep.isSpeaking()).isTrue();
    }

    @Test
    void completeSentenceEndsAfterMinimumSilence() {
        feed(true, 10);
        long lastVoiced = now;
        ep.onTranscript("I need a table for two.", true, now);
        assertThat(feed(false, 14)).isEqualTo(Event.NONE); // 280 ms
        assertThat(feed(false, 1)).isEqualTo(Event.TURN_ENDED); // 300 ms
        assertThat(ep.speechEndNanos()).isEqualTo(lastVoiced);
        assertThat(ep.endOfTurnNanos() - lastVoiced).isEqualTo(300 * MS);
        assertThat(ep.transcript().text()).isEqualTo("I need a table for two.");
    }

    @Test
    void unfinishedSentenceWaitsForMaximumSilence() {
        feed(true, 10);
        long lastVoiced = now;
        ep.onTranscript("I need a table for", true, now);
        assertThat(feed(false, 49)).isEqualTo(Event.NONE);
        assertThat(feed(false, 1)).isEqualTo(Event.TURN_ENDED);
        assertThat(ep.endOfTurnNanos() - lastVoiced).isEqualTo(1000 * MS);
    }

    @Test
    void pendingInterimKeepsTheTurnOpenAndSpeechResetsTheSilence() {
        feed(true, 10);
        ep.onTranscript("Hello.", true, now);
        ep.onTranscript("and", false, now);
        assertThat(feed(false, 20)).isEqualTo(Event.NONE); // 400 ms, interim pending
        assertThat(feed(true, 2)).isEqualTo(Event.NONE); // more speech
        ep.onTranscript("and goodbye.", true, now);
        assertThat(feed(false, 15)).isEqualTo(Event.TURN_ENDED);
        assertThat(ep.transcript().text()).isEqualTo("Hello. and goodbye.");
    }

    @Test
    void providerEndOfTurnEndsAtOnceButNotWithoutSpeech() {
        assertThat(ep.onProviderEndOfTurn(now)).as("nothing said").isEqualTo(Event.NONE);
        feed(true, 5);
        feed(false, 3);
        assertThat(ep.onProviderEndOfTurn(now)).isEqualTo(Event.TURN_ENDED);
        assertThat(ep.isSpeaking()).isFalse();
        ep.reset();
        assertThat(ep.transcript().isEmpty()).isTrue();
        // words the local VAD missed still end a turn on the provider's signal
        ep.onTranscript("yes", true, now);
        assertThat(ep.onProviderEndOfTurn(now)).isEqualTo(Event.TURN_ENDED);
    }
}
