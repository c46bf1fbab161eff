package org.voxgate.admin;

/**
 * A call the application will not place, with the HTTP status and the request field at fault.
 * Immutable.
 */
public final class CallRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String field;

    /**
     * @param status 400 (bad value), 404 (unknown trunk, bot or user), 409 (trunk disabled),
     *     429 (trunk at its concurrent-call or calls-per-second limit), 503 (no media ports,
     *     SIP not running)
     * @param field the request field at fault, or null
     */
    public CallRefusedException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public int status() { return status; }

    public String field() { return field; }
}
