package org.voxgate.app;

import java.util.Optional;
import org.voxgate.sip.auth.CredentialLookup;
import org.voxgate.sip.auth.DigestCredentials;
import org.voxgate.sip.auth.SipPrincipal;

/**
 * Digest credentials of trunks that authenticate their INVITEs (inbound username and HA1s,
 * made in the node's realm when the trunk was saved). Composed with the SIP users' lookup
 * in {@link Node}: a username is looked up among users first, then trunks.
 *
 * <p>Thread-safe.
 */
final class TrunkCredentialLookup implements CredentialLookup {
    private final TrunkCache trunks;
    private final String realm;

    TrunkCredentialLookup(TrunkCache trunks, String realm) {
        this.trunks = trunks;
        this.realm = realm;
    }

    @Override
    public Optional<DigestCredentials> find(String username, String realm) {
        if (!this.realm.equals(realm)) {
            return Optional.empty(); // the stored HA1s are only good in the realm they were made for
        }
        return trunks.byInboundUser(username)
                .filter(t -> t.inboundHa1Md5() != null || t.inboundHa1Sha256() != null)
                .map(t -> new DigestCredentials(SipPrincipal.trunk(t.name()), t.inboundHa1Md5(), t.inboundHa1Sha256()));
    }
}
