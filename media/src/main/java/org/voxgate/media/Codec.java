package org.voxgate.media;

/** Audio codecs Voxgate can negotiate, with their static RTP payload types. */
public enum Codec {
    PCMU(0, "PCMU", 8000),
    PCMA(8, "PCMA", 8000);

    private final int payloadType;
    private final String encodingName;
    private final int clockRate;

    Codec(int payloadType, String encodingName, int clockRate) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
    }

    public int payloadType() { return payloadType; }

    public String encodingName() { return encodingName; }

    public int clockRate() { return clockRate; }
}
