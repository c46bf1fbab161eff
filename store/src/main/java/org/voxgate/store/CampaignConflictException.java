package org.voxgate.store;

/**
 * A campaign was refused because a live campaign already has its name (checked by the
 * database's unique constraint, so it holds across nodes).
 *
 * <p>Immutable and thread-safe.
 */
public final class CampaignConflictException extends StoreException {

    private static final long serialVersionUID = 1L;

    CampaignConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
