package org.voxgate.media.quality;

import java.util.Locale;

/**
 * The ITU-T G.107 E-model, reduced as is usual for VoIP monitoring: every default of G.107
 * table 2 kept (so Ro - Is = 93.2 and A = 0), echo assumed controlled (Idte = Idle = 0), so
 * {@code R = 93.2 - Idd(Ta) - Ie,eff(Ppl)} with Idd from G.107 clause 7.3 and Ie,eff from
 * clause 7.4 (random loss, BurstR = 1), and the MOS from R by G.107 annex B.
 *
 * <p>Stateless and thread-safe; pure functions of their arguments.
 */
public final class EModel {
    /** R with every G.107 default and no impairment. */
    public static final double R_DEFAULT = 93.2;

    private EModel() {}

    /**
     * Equipment impairment of a codec: Ie, and Bpl its robustness to random packet loss.
     *
     * @param ie equipment impairment factor at zero loss
     * @param bpl packet-loss robustness factor
     */
    public record Codec(double ie, double bpl) {
        /** G.711 with packet-loss concealment (G.113 appendix I: Ie 0, Bpl 25.1). */
        public static final Codec G711_PLC = new Codec(0, 25.1);
        /** G.711 without concealment (G.113 appendix I: Ie 0, Bpl 4.3). */
        public static final Codec G711_NO_PLC = new Codec(0, 4.3);
        /**
         * Opus has no G.113 entry. At the 24-32 kb/s wideband rates telephony uses, published
         * listening tests place it at or above G.711, and its in-band FEC and PLC make it more
         * loss-robust than G.711 with PLC; we take Ie 0 and Bpl 30 as a documented engineering
         * estimate (narrowband scale, so figures compare with G.711 calls).
         */
        public static final Codec OPUS = new Codec(0, 30);

        /** The impairment for an SDP encoding name; unknown codecs are rated as G.711 with PLC. */
        public static Codec forEncoding(String encodingName) {
            String name = encodingName == null ? "" : encodingName.toUpperCase(Locale.ROOT);
            return name.equals("OPUS") ? OPUS : G711_PLC;
        }
    }

    /**
     * The transmission rating factor R.
     *
     * @param oneWayDelayMillis mouth-to-ear delay Ta in ms (0 or more)
     * @param lossPercent packet loss Ppl in percent, 0-100
     */
    public static double rFactor(double oneWayDelayMillis, double lossPercent, Codec codec) {
        double r = R_DEFAULT - delayImpairment(oneWayDelayMillis) - effectiveEquipmentImpairment(lossPercent, codec);
        return Math.max(0, Math.min(100, r));
    }

    /** G.107 (7-24) Idd: no impairment up to 100 ms, then a smooth rise. */
    public static double delayImpairment(double ta) {
        if (ta <= 100) {
            return 0;
        }
        double x = Math.log10(ta / 100) / Math.log10(2);
        return 25 * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6) - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6) + 2);
    }

    /** G.107 (7-29) Ie,eff with BurstR = 1 (random loss). */
    public static double effectiveEquipmentImpairment(double lossPercent, Codec codec) {
        double ppl = Math.max(0, Math.min(100, lossPercent));
        return codec.ie() + (95 - codec.ie()) * ppl / (ppl + codec.bpl());
    }

    /** G.107 annex B (B-4): the estimated MOS (conversational quality) for R. */
    public static double mos(double r) {
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }
}
