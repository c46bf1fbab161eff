package org.voxgate.admin;

import java.util.function.Function;
import java.util.function.Predicate;
import org.voxgate.store.NumberRepository;
import org.voxgate.store.TrunkRepository;

/**
 * What the trunk, number and outbound call endpoints need, supplied by the application.
 * Immutable.
 *
 * @param trunks the trunk table
 * @param numbers the numbers table
 * @param calls places and ends calls
 * @param liveState a trunk's live state by name
 * @param hasher the inbound digest HA1s of a (username, password), so that only hashes are stored
 * @param botExists whether a bot of that name exists
 * @param defaultRegion region for numbers posted without a country code and without a trunk
 * @param trunksChanged called after every trunk write, so caches of the trunk table refresh at once
 */
public record Telephony(TrunkRepository trunks, NumberRepository numbers, CallControl calls,
        Function<String, TrunkLiveState> liveState, CredentialHasher hasher, Predicate<String> botExists,
        String defaultRegion, Runnable trunksChanged) {

    /** SPI: HA1 hashes (MD5, SHA-256) of inbound digest credentials in the node's realm. */
    public interface CredentialHasher {
        /** {@code [md5, sha256]} lower-case hex of H(username:realm:password). */
        String[] ha1(String username, String password);
    }
}
