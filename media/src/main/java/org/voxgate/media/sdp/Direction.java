package org.voxgate.media.sdp;

/**
 * An SDP media direction attribute (RFC 3264 section 6.1).
 *
 * <p>Threading: immutable.
 */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String attribute;

    Direction(String attribute) {
        this.attribute = attribute;
    }

    /** The attribute name as written after {@code a=}. */
    public String attribute() {
        return attribute;
    }

    /** The direction an answerer that can both send and receive puts in its answer. */
    public Direction answer() {
        return switch (this) {
            case SENDRECV -> SENDRECV;
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case INACTIVE -> INACTIVE;
        };
    }

    /** The direction for an attribute name, or {@code null} if it is not a direction. */
    static Direction fromAttribute(String name) {
        for (Direction d : values()) {
            if (d.attribute.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
