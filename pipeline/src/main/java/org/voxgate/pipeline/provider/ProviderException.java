package org.voxgate.pipeline.provider;

/**
 * A provider failed: refused the connection or the request, broke a stream, or sent what its
 * protocol does not allow. {@link #retryable()} says whether trying again (or the next
 * provider of a failover chain) may help: a 401 will not, a 503 or a dropped socket may.
 */
public class ProviderException extends Exception {
    private final String vendor;
    private final boolean retryable;

    public ProviderException(String vendor, String message, boolean retryable, Throwable cause) {
        super(vendor + ": " + message, cause);
        this.vendor = vendor;
        this.retryable = retryable;
    }

    public ProviderException(String vendor, String message, boolean retryable) {
        this(vendor, message, retryable, null);
    }

    /** The vendor that failed. */
    public String vendor() {
        return vendor;
    }

    /** Whether trying again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
