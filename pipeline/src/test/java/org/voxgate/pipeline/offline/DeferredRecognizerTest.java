package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.speech.SpeechRecognizer;

class DeferredRecognizerTest {
    /** A recognizer that answers with the first expected phrase and records being closed. */
    private static final class FirstPhrase implements SpeechRecognizer {
        boolean closed;

        @Override
        public String recognize(short[] pcm, int offset, int length, List<String> expectedPhrases) {
            return expectedPhrases.get(0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void makesTheDecoderOnceWhenPreparedOrFirstUsed() {
        List<FirstPhrase> made = new ArrayList<>();
        DeferredRecognizer recognizer = new DeferredRecognizer(() -> {
            FirstPhrase r = new FirstPhrase();
            made.add(r);
            return r;
        });
        assertThat(made).isEmpty();
        recognizer.prepare();
        recognizer.prepare();
        assertThat(recognizer.recognize(new short[160], 0, 160, List.of("yes", "no"))).isEqualTo("yes");
        assertThat(made).hasSize(1);
        recognizer.close();
        assertThat(made.get(0).closed).isTrue();
        assertThatThrownBy(() -> recognizer.recognize(new short[160], 0, 160, List.of("yes")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingBeforeUseMakesNothing() {
        List<FirstPhrase> made = new ArrayList<>();
        DeferredRecognizer recognizer = new DeferredRecognizer(() -> {
            FirstPhrase r = new FirstPhrase();
            made.add(r);
            return r;
        });
        recognizer.close();
        recognizer.prepare();
        assertThat(made).isEmpty();
    }
}
