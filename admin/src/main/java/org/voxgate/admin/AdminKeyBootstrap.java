package org.voxgate.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.store.ApiKey;
import org.voxgate.store.ApiKeyRepository;

/**
 * Makes sure the API can be reached at start-up: the key in {@code VOXGATE_ADMIN_KEY}, when
 * set, becomes an admin key (stored as its hash; idempotent across restarts; a changed value
 * adds the new key and leaves the old one); otherwise, when no active admin key exists, a new
 * one is generated and handed back for the caller to show once.
 *
 * <p>Stateless; called once on the start-up thread. The repository belongs to the caller.
 */
public final class AdminKeyBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);
    /** The environment variable holding the operator's own admin key. */
    public static final String ENV = "VOXGATE_ADMIN_KEY";

    private AdminKeyBootstrap() {
    }

    /**
     * @param fromEnv the value of {@value #ENV}, or null/blank when unset
     * @return a newly generated admin key, to be printed once; empty when none was generated
     * @throws IllegalArgumentException when {@code fromEnv} is not a well-formed key, or its id
     *                                  is taken by a different key
     */
    public static Optional<String> ensureAdminKey(ApiKeyRepository keys, String fromEnv, Clock clock,
                                                  SecureRandom random) {
        Objects.requireNonNull(keys, "keys");
        if (fromEnv != null && !fromEnv.isBlank()) {
            fromEnvironment(keys, fromEnv.strip(), clock);
            return Optional.empty();
        }
        if (keys.countActive(ApiKeyRepository.ADMIN) > 0) {
            return Optional.empty();
        }
        while (true) {
            ApiKeyToken token = ApiKeyToken.generate(random);
            if (keys.insert(new ApiKey(token.id(), "generated at first start", ApiKeyRepository.ADMIN,
                    token.hash(), clock.instant(), null, null))) {
                return Optional.of(token.key());
            }
        }
    }

    private static void fromEnvironment(ApiKeyRepository keys, String value, Clock clock) {
        ApiKeyToken token = ApiKeyToken.parse(value).orElseThrow(() -> new IllegalArgumentException(
                ENV + " is not an API key: it must read vxg_<8 letters or digits>_<32 to 128 letters or digits>"
                        + " (for example: vxg_$(tr -dc A-Za-z0-9 </dev/urandom | head -c 8)_$(tr -dc A-Za-z0-9"
                        + " </dev/urandom | head -c 40))"));
        Optional<ApiKey> existing = keys.find(token.id());
        if (existing.isEmpty()) {
            if (!keys.insert(new ApiKey(token.id(), ENV, ApiKeyRepository.ADMIN, token.hash(), clock.instant(),
                    null, null))) {
                throw new IllegalStateException("API key id " + token.id() + " was taken while adding " + ENV);
            }
            log.info("Admin API key {} from {} added", token.id(), ENV);
            return;
        }
        ApiKey key = existing.get();
        if (!token.matches(key.keyHash())) {
            throw new IllegalArgumentException(ENV + ": the id " + token.id()
                    + " belongs to another key; choose a different id part");
        }
        if (!key.active()) {
            log.warn("{} names key {}, which was revoked through the API; it stays revoked", ENV, key.id());
        } else if (!ApiKeyRepository.ADMIN.equals(key.role())) {
            log.warn("{} names key {}, which has the role {}; it is left as it is", ENV, key.id(), key.role());
        }
    }
}
