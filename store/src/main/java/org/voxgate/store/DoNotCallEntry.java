package org.voxgate.store;

import java.time.Instant;

/**
 * A number no campaign may call.
 *
 * <p>Immutable and thread-safe.
 *
 * @param phone     E.164
 * @param reason    why, or {@code null}
 * @param createdAt when it was added
 */
public record DoNotCallEntry(String phone, String reason, Instant createdAt) {

    public DoNotCallEntry {
        if (phone == null || phone.isBlank()) {
            throw new IllegalArgumentException("phone is required");
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt is required");
        }
    }
}
