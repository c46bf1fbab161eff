package org.voxgate.media;

/** A media resource could not be had (no free port pair, bind failure). */
public final class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediaException(String message) { super(message); }

    public MediaException(String message, Throwable cause) { super(message, cause); }
}
