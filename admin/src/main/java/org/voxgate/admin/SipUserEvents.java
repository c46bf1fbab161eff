package org.voxgate.admin;

/**
 * Told by the API after it changed a SIP user in the store, so the SIP side can act at once
 * rather than when its caches lapse: drop cached credentials, and forget the registrations
 * of a user that was deleted or disabled (its phones must no longer be reachable).
 * Implemented by the application.
 *
 * <p>Threading: called on HTTP request threads (virtual), after the store write succeeded.
 */
public interface SipUserEvents {
    /** The user was created or changed; {@code enabled} is its state now. */
    void changed(String username, boolean enabled);

    /** The user was deleted. */
    void removed(String username);

    /** Events nobody listens to. */
    static SipUserEvents none() {
        return new SipUserEvents() {
            @Override public void changed(String username, boolean enabled) {}

            @Override public void removed(String username) {}
        };
    }
}
