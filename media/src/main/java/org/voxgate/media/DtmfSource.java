package org.voxgate.media;

/** Where a DTMF digit was found: how the caller's equipment sent it. */
public enum DtmfSource {
    /** RFC 4733 (RFC 2833) telephone-event RTP packets. */
    RFC4733("rfc4733"),
    /** Dual tones inside the audio, found by the Goertzel detector. */
    INBAND("inband"),
    /** Signalled out of band, in a SIP INFO request. */
    SIP_INFO("sip-info");

    private final String code;

    DtmfSource(String code) {
        this.code = code;
    }

    /** The lower-case name used in logs, the event log and the API. */
    public String code() {
        return code;
    }
}
