package org.voxgate.media;

/** An SDP offer Voxgate cannot answer: malformed (SIP 400) or with no common codec (SIP 488). */
public final class SdpException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean malformed;

    public SdpException(String message, boolean malformed) {
        super(message);
        this.malformed = malformed;
    }

    /** True when the offer could not be parsed, false when it parsed but nothing matched. */
    public boolean isMalformed() { return malformed; }
}
