package org.voxgate.media.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EModelTest {

    @Test
    void mosFollowsG107AnnexBAtReferencePoints() {
        // G.107 annex B: the default connection (R 93.2) rates about 4.41
        assertThat(EModel.mos(93.2)).isCloseTo(4.41, within(0.005));
        assertThat(EModel.mos(90)).isCloseTo(4.34, within(0.005));
        assertThat(EModel.mos(80)).isCloseTo(4.02, within(0.005));
        assertThat(EModel.mos(70)).isCloseTo(3.60, within(0.005));
        assertThat(EModel.mos(50)).isCloseTo(2.58, within(0.005));
        assertThat(EModel.mos(0)).isEqualTo(1);
        assertThat(EModel.mos(-5)).isEqualTo(1);
        assertThat(EModel.mos(100)).isEqualTo(4.5);
    }

    @Test
    void noImpairmentGivesTheDefaultRating() {
        assertThat(EModel.rFactor(0, 0, EModel.Codec.G711_PLC)).isEqualTo(93.2);
        assertThat(EModel.rFactor(100, 0, EModel.Codec.G711_PLC)).isEqualTo(93.2); // Idd is 0 up to 100 ms
    }

    @Test
    void delayImpairmentFollowsG107Idd() {
        assertThat(EModel.delayImpairment(50)).isZero();
        // X = 1 at 200 ms, X = 2 at 400 ms in G.107 (7-26)
        assertThat(EModel.delayImpairment(200)).isCloseTo(3.05, within(0.01));
        assertThat(EModel.delayImpairment(400)).isCloseTo(24.07, within(0.01));
        assertThat(EModel.delayImpairment(300)).isBetween(3.05, 24.07);
    }

    @Test
    void lossImpairmentUsesTheCodecsRobustness() {
        // Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl + Bpl), BurstR = 1
        assertThat(EModel.effectiveEquipmentImpairment(5, EModel.Codec.G711_PLC)).isCloseTo(95 * 5 / 30.1, within(1e-9));
        assertThat(EModel.effectiveEquipmentImpairment(5, EModel.Codec.G711_NO_PLC)).isCloseTo(95 * 5 / 9.3, within(1e-9));
        double withPlc = EModel.rFactor(0, 5, EModel.Codec.G711_PLC);
        assertThat(withPlc).isCloseTo(77.42, within(0.01));
        assertThat(EModel.mos(withPlc)).isCloseTo(3.92, within(0.01));
        assertThat(EModel.rFactor(0, 5, EModel.Codec.G711_NO_PLC)).isLessThan(withPlc);
        // total loss leaves R = 93.2 - 95 * 100 / 125.1: the formula saturates, it does not reach 0
        assertThat(EModel.rFactor(0, 100, EModel.Codec.G711_PLC)).isCloseTo(17.26, within(0.01));
        assertThat(EModel.mos(17.26)).isLessThan(1.5);
    }

    @Test
    void codecsAreFoundByEncodingName() {
        assertThat(EModel.Codec.forEncoding("PCMU")).isEqualTo(EModel.Codec.G711_PLC);
        assertThat(EModel.Codec.forEncoding("pcma")).isEqualTo(EModel.Codec.G711_PLC);
        assertThat(EModel.Codec.forEncoding("opus")).isEqualTo(EModel.Codec.OPUS);
    }
}
