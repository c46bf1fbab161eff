package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One admin API key as stored: never the key itself, only the SHA-256 of it (see
 * {@link ApiKeyRepository}).
 *
 * <p>Immutable.
 *
 * @param id the public part of the key ({@code vxg_<id>_...}), its primary key
 * @param name what the key is for, chosen by whoever created it
 * @param role {@code admin}, {@code operator} or {@code viewer}
 * @param keyHash lower-case hex SHA-256 of the whole key
 * @param createdAt when it was created
 * @param lastUsedAt when it last authenticated a request (recorded coarsely), or null
 * @param revokedAt when it was revoked, or null while it is active
 */
public record ApiKey(String id, String name, String role, String keyHash, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the key still authenticates. */
    public boolean active() {
        return revokedAt == null;
    }

    /** Leaves the hash out: it is not secret in the way a key is, but nothing needs it in logs. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", name=" + name + ", role=" + role + ", createdAt=" + createdAt
                + ", lastUsedAt=" + lastUsedAt + ", revokedAt=" + revokedAt + "]";
    }
}
