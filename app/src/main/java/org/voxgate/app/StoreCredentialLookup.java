package org.voxgate.app;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.auth.CredentialLookup;
import org.voxgate.sip.auth.DigestCredentials;
import org.voxgate.sip.auth.SipPrincipal;
import org.voxgate.store.SipUser;
import org.voxgate.store.SipUserRepository;

/**
 * Digest credentials of enabled SIP users, read from the store. A user whose hashes were
 * computed in another realm (sip.realm changed since) cannot authenticate, and the log says
 * why. Trunks with inbound digest credentials can be chained in front of or after this.
 *
 * <p>Thread-safe; blocks on JDBC (called from SIP worker virtual threads).
 */
final class StoreCredentialLookup implements CredentialLookup {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCredentialLookup.class);

    private final SipUserRepository users;

    StoreCredentialLookup(SipUserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<DigestCredentials> find(String username, String realm) {
        Optional<SipUser> found = users.find(username);
        if (found.isEmpty() || !found.get().enabled()) {
            return Optional.empty();
        }
        SipUser user = found.get();
        if (!user.realm().equals(realm)) {
            LOG.warn("SIP user {} has hashes for realm {}, not {}: set its password again", username, user.realm(), realm);
            return Optional.empty();
        }
        return Optional.of(new DigestCredentials(SipPrincipal.user(username), user.ha1Md5(), user.ha1Sha256()));
    }
}
