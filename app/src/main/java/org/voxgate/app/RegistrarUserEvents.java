package org.voxgate.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.admin.SipUserEvents;
import org.voxgate.sip.location.LocationService;

/**
 * Carries SIP user changes made through the admin API to the registrar at once: cached
 * credentials are dropped, and a deleted or disabled user's registrations are removed so
 * its phones are no longer reachable.
 *
 * <p>Thread-safe; called on HTTP request threads.
 */
final class RegistrarUserEvents implements SipUserEvents {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrarUserEvents.class);

    private final StoreCredentialLookup credentials;
    private final LocationService location;

    RegistrarUserEvents(StoreCredentialLookup credentials, LocationService location) {
        this.credentials = credentials;
        this.location = location;
    }

    @Override
    public void changed(String username, boolean enabled) {
        credentials.forget(username);
        if (!enabled) {
            unregister(username, "disabled");
        }
    }

    @Override
    public void removed(String username) {
        credentials.forget(username);
        unregister(username, "deleted");
    }

    private void unregister(String username, String why) {
        int removed = location.removeAll(location.aorOf(username));
        if (removed > 0) {
            LOG.info("SIP user {} {}: {} registration(s) removed", username, why, removed);
        }
    }
}
