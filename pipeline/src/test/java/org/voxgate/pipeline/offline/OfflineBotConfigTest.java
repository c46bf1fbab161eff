package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OfflineBotConfigTest {
    @Test
    void defaultsAreValidAndBadValuesNameTheirKey() {
        OfflineBotConfig d = OfflineBotConfig.defaults();
        assertThat(d.espeakVoice()).isEqualTo("en-us");
        assertThat(d.endOfUtteranceMillis()).isEqualTo(700);
        assertThatThrownBy(() -> new OfflineBotConfig(d.espeakBinary(), d.espeakVoice(), d.speechRate(),
                d.synthesisTimeout(), d.promptCacheEntries(), 4, d.speechStartMillis(),
                d.endOfUtteranceMillis(), d.maxUtteranceMillis(), d.preRollMillis(), d.stateSilenceTimeout(),
                d.maxAttempts(), d.hangupGrace(), d.inboundQueueFrames(), d.pocketsphinxLibrary(),
                d.sphinxbaseLibrary(), d.acousticModel(), d.dictionary()))
                .hasMessageContaining("pipeline.offline.vadAggressiveness");
        assertThatThrownBy(() -> new OfflineBotConfig(d.espeakBinary(), "en us; rm", d.speechRate(),
                d.synthesisTimeout(), d.promptCacheEntries(), 2, d.speechStartMillis(),
                d.endOfUtteranceMillis(), d.maxUtteranceMillis(), d.preRollMillis(), d.stateSilenceTimeout(),
                d.maxAttempts(), d.hangupGrace(), d.inboundQueueFrames(), d.pocketsphinxLibrary(),
                d.sphinxbaseLibrary(), d.acousticModel(), d.dictionary()))
                .hasMessageContaining("pipeline.offline.espeakVoice");
        assertThatThrownBy(() -> new OfflineBotConfig(d.espeakBinary(), d.espeakVoice(), d.speechRate(),
                d.synthesisTimeout(), d.promptCacheEntries(), 2, d.speechStartMillis(),
                710, d.maxUtteranceMillis(), d.preRollMillis(), d.stateSilenceTimeout(),
                d.maxAttempts(), d.hangupGrace(), d.inboundQueueFrames(), d.pocketsphinxLibrary(),
                d.sphinxbaseLibrary(), d.acousticModel(), d.dictionary()))
                .hasMessageContaining("pipeline.offline.endOfUtteranceMillis").hasMessageContaining("20 ms");
        assertThatThrownBy(() -> d.withStateSilenceTimeout(Duration.ZERO))
                .hasMessageContaining("pipeline.offline.stateSilenceTimeout");
    }

    @Test
    void speechCheckNamesMissingPackages() {
        OfflineSpeechCheck.Report ok = OfflineSpeechCheck.run(OfflineBotConfig.defaults());
        assertThat(ok.problems()).as("engines installed on the test machine").isEmpty();
        assertThat(ok.canSpeak()).isTrue();
        assertThat(ok.canRecognize()).isTrue();

        OfflineSpeechCheck.Report broken = OfflineSpeechCheck.run(OfflineBotConfig.defaults()
                .withEspeakBinary(Path.of("/nonexistent/espeak-ng"))
                .withPocketsphinxLibrary(Path.of("/nonexistent/libpocketsphinx.so.3")));
        assertThat(broken.canSpeak()).isFalse();
        assertThat(broken.canRecognize()).isFalse();
        assertThat(broken.problems()).anySatisfy(p -> assertThat(p).contains("apt-get install espeak-ng"));
        assertThat(broken.problems()).anySatisfy(p -> assertThat(p).contains("libpocketsphinx3"));
        assertThat(broken.summary()).contains("cannot speak");
    }
}
