package org.voxgate.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Answers (found or not) are kept for a few seconds: a phone's challenge and answer, and a
 * burst of REGISTERs after an outage, then cost one query instead of one each, and a flood of
 * unknown names does not reach the database at full rate. A changed password or a disabled
 * user therefore takes effect within {@link #TTL}. The cache is emptied when it grows past
 * {@link #MAX_ENTRIES}.
 *
 * <p>Thread-safe; blocks on JDBC on a miss (called from SIP worker virtual threads).
 */
final class StoreCredentialLookup implements CredentialLookup {
    static final Duration TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(StoreCredentialLookup.class);

    private record Cached(Optional<SipUser> user, Instant loadedAt) {}

    private final SipUserRepository users;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    StoreCredentialLookup(SipUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Optional<DigestCredentials> find(String username, String realm) {
        Optional<SipUser> found = user(username);
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

    private Optional<SipUser> user(String username) {
        Instant now = clock.instant();
        Cached cached = cache.get(username);
        if (cached != null && cached.loadedAt().plus(TTL).isAfter(now)) {
            return cached.user();
        }
        Optional<SipUser> user = users.find(username);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(username, new Cached(user, now));
        return user;
    }
}
