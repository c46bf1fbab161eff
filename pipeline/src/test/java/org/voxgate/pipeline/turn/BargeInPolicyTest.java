package org.voxgate.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.turn.BargeInPolicy.Decision;

class BargeInPolicyTest {
    private static TurnTakingSettings settings(int ms, int words, boolean both) {
        return new TurnTakingSettings(2, 60, 300, 1000, ms, words, both, null, 3000);
    }

    @Test
    void bothMinimumsMustHoldByDefault() {
        BargeInPolicy p = new BargeInPolicy(TurnTakingSettings.defaults());
        assertThat(p.decide(120, true, 0, "")).isEqualTo(Decision.WAIT);
        assertThat(p.decide(400, true, 0, "")).as("long, but no words yet").isEqualTo(Decision.WAIT);
        assertThat(p.decide(100, true, 0, "wait")).as("a word, too short").isEqualTo(Decision.WAIT);
        assertThat(p.decide(240, true, 0, "wait")).isEqualTo(Decision.INTERRUPT);
    }

    @Test
    void backchannelsAndCoughsResumeTheBot() {
        BargeInPolicy p = new BargeInPolicy(TurnTakingSettings.defaults());
        assertThat(p.decide(500, true, 0, "Uh-huh.")).isEqualTo(Decision.WAIT);
        assertThat(p.decide(500, true, 300, "Uh-huh.")).isEqualTo(Decision.RESUME);
        assertThat(p.decide(160, false, 300, "")).as("a cough").isEqualTo(Decision.RESUME);
        assertThat(p.realWords("okay, mm-hmm, I see")).isZero();
        assertThat(p.realWords("okay but what about Friday")).isEqualTo(4);
    }

    @Test
    void eitherMinimumIsEnoughWhenConfigured() {
        BargeInPolicy p = new BargeInPolicy(settings(200, 2, false));
        assertThat(p.decide(220, true, 0, "")).isEqualTo(Decision.INTERRUPT);
        assertThat(p.decide(100, true, 0, "stop please")).isEqualTo(Decision.INTERRUPT);
        assertThat(p.decide(220, true, 0, "okay")).as("backchannel never interrupts").isEqualTo(Decision.WAIT);
    }

    @Test
    void noMinimumsMeansOnsetInterrupts() {
        BargeInPolicy p = new BargeInPolicy(settings(0, 0, true));
        assertThat(p.immediate()).isTrue();
        assertThat(p.decide(60, true, 0, "")).isEqualTo(Decision.INTERRUPT);
    }

    @Test
    void customBackchannelsAreNormalized() {
        TurnTakingSettings s = new TurnTakingSettings(2, 60, 300, 1000, 0, 1, true, Set.of("Vale!", "Sí"), 3000);
        BargeInPolicy p = new BargeInPolicy(s);
        assertThat(p.realWords("vale, sí")).isZero();
        assertThat(p.realWords("okay")).isEqualTo(1);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new TurnTakingSettings(4, 60, 300, 1000, 0, 0, true, null, 3000))
                .hasMessageContaining("vadMode");
        assertThatThrownBy(() -> new TurnTakingSettings(2, 60, 800, 500, 0, 0, true, null, 3000))
                .hasMessageContaining("maxSilenceMs");
        assertThat(TurnTakingSettings.defaults().backchannels()).contains("uh-huh", "okay");
    }
}
