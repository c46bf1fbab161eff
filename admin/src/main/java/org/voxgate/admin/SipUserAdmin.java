package org.voxgate.admin;

import java.time.Clock;
import java.util.Objects;

/**
 * What the admin API needs to serve {@code /api/sip-users} and {@code /api/registrations}.
 *
 * <p>Immutable; the repositories it holds are thread-safe.
 *
 * @param users SIP users
 * @param registrations the registrar's stored bindings
 * @param realm the digest realm new passwords are hashed in (sip.realm)
 * @param clock time source for creation stamps and remaining lifetimes
 * @param events told after each change, so the SIP side acts at once
 */
public record SipUserAdmin(org.voxgate.store.SipUserRepository users,
        org.voxgate.store.RegistrationRepository registrations, String realm, Clock clock, SipUserEvents events) {
    public SipUserAdmin {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(registrations, "registrations");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(events, "events");
    }
}
