package org.voxgate.sip.auth;

import java.util.List;
import java.util.Optional;

/**
 * SPI: finds the stored digest credentials for a username in a realm. Implemented by the
 * application on its store (SIP users, trunks with inbound digest credentials).
 *
 * <p>Threading: called concurrently from SIP worker (virtual) threads; may block on I/O.
 */
public interface CredentialLookup {
    /**
     * The credentials of {@code username} in {@code realm}, or empty when there is no such
     * (enabled) party. Never throws for an unknown name.
     */
    Optional<DigestCredentials> find(String username, String realm);

    /**
     * A lookup asking each of {@code lookups} in turn and answering with the first that knows
     * the username (for example SIP users, then trunks with inbound digest credentials).
     */
    static CredentialLookup firstOf(CredentialLookup... lookups) {
        List<CredentialLookup> chain = List.of(lookups);
        return (username, realm) -> {
            for (CredentialLookup lookup : chain) {
                Optional<DigestCredentials> found = lookup.find(username, realm);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }
}
