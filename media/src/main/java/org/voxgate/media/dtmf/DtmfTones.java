package org.voxgate.media.dtmf;

/**
 * The row and column frequencies of each DTMF key (ITU-T Q.23) and a phase-continuous
 * generator of the key's dual tone.
 *
 * <p>Threading: a generator instance is not thread-safe; the static methods are.
 * Allocation: none per frame.
 */
public final class DtmfTones {
    private static final String KEYS = "123A456B789C*0#D";
    /** Per-tone amplitude of the low (row) group, about -9 dBm0 in G.711. */
    private static final double ROW_AMPLITUDE = 5800;
    /** The high group is sent 2 dB louder (pre-emphasis against line roll-off), as phones do. */
    private static final double COLUMN_AMPLITUDE = ROW_AMPLITUDE * 1.26;

    private final int sampleRate;
    private double rowHz;
    private double colHz;
    private long sample;

    /** @param sampleRate the rate of the samples {@link #fill} writes */
    public DtmfTones(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** Whether the character is one of {@code 0-9 * # A-D}. */
    public static boolean isKey(char key) {
        return KEYS.indexOf(key) >= 0;
    }

    /** The key's low-group frequency in Hz. */
    public static double rowHz(char key) {
        return DtmfToneDetector.ROWS[index(key) >> 2];
    }

    /** The key's high-group frequency in Hz. */
    public static double columnHz(char key) {
        return DtmfToneDetector.COLUMNS[index(key) & 3];
    }

    private static int index(char key) {
        int i = KEYS.indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("not a DTMF key: '" + key + "'");
        }
        return i;
    }

    /** Starts a new key's tone at phase zero. */
    public void start(char key) {
        rowHz = rowHz(key);
        colHz = columnHz(key);
        sample = 0;
    }

    /** Writes the next {@code length} samples of the current key's tone, continuing its phase. */
    public void fill(short[] out, int offset, int length) {
        double rowStep = 2 * Math.PI * rowHz / sampleRate;
        double colStep = 2 * Math.PI * colHz / sampleRate;
        for (int i = 0; i < length; i++) {
            long t = sample + i;
            out[offset + i] = (short) Math.round(ROW_AMPLITUDE * Math.sin(rowStep * t)
                    + COLUMN_AMPLITUDE * Math.sin(colStep * t));
        }
        sample += length;
    }
}
