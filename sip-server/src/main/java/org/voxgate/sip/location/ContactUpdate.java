package org.voxgate.sip.location;

import java.util.Objects;

/**
 * One Contact of a REGISTER after the registrar applied the expiry rules.
 *
 * <p>Immutable.
 *
 * @param contact the Contact URI
 * @param expiresSeconds granted lifetime; 0 removes the binding
 * @param q preference from the Contact's q parameter (1.0 when absent)
 */
public record ContactUpdate(String contact, long expiresSeconds, float q) {
    public ContactUpdate {
        Objects.requireNonNull(contact, "contact");
        if (expiresSeconds < 0) {
            throw new IllegalArgumentException("expires must not be negative");
        }
    }
}
