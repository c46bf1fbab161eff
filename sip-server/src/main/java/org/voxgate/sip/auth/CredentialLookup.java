package org.voxgate.sip.auth;

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
}
