package org.voxgate.sip;

import java.util.Objects;
import org.voxgate.sip.auth.DigestVerifier;
import org.voxgate.sip.location.LocationService;
import org.voxgate.sip.location.RegistrarConfig;

/**
 * What the SIP server needs to act as a registrar: its settings, the digest verifier (shared
 * with every other handler that authenticates, so all use one nonce secret and replay table)
 * and the location service. Built by the application, which owns the store behind them.
 *
 * <p>Immutable; the services it holds are thread-safe.
 *
 * @param config registrar settings
 * @param digest the node's one digest verifier
 * @param location the node's location service
 */
public record RegistrarServices(RegistrarConfig config, DigestVerifier digest, LocationService location) {
    public RegistrarServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(location, "location");
    }
}
