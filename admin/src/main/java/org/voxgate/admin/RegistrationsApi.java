package org.voxgate.admin;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voxgate.store.RegistrationRecord;
import org.voxgate.store.RegistrationRepository;

/**
 * {@code GET /api/registrations[?username=]}: every SIP user's live bindings, read from the
 * store the registrar writes through to.
 *
 * <p>Stateless and thread-safe; blocks on the repository.
 */
final class RegistrationsApi {
    private final RegistrationRepository registrations;
    private final Clock clock;

    RegistrationsApi(RegistrationRepository registrations, Clock clock) {
        this.registrations = registrations;
        this.clock = clock;
    }

    /** One contact of a user, with where requests to it are sent. */
    record ContactView(String contact, String receivedHost, int receivedPort, String transport, Instant expiresAt,
            long expiresInSeconds, float q, String userAgent, Instant updatedAt) {}

    record UserRegistrations(String username, String aor, List<ContactView> contacts) {}

    record Listing(List<UserRegistrations> items, int total) {}

    void list(Context ctx) {
        String username = ctx.queryParam("username");
        Instant now = clock.instant();
        Map<String, List<ContactView>> byAor = new LinkedHashMap<>();
        for (RegistrationRecord r : registrations.listLive(now)) {
            byAor.computeIfAbsent(r.aor(), k -> new ArrayList<>()).add(new ContactView(r.contact(), r.receivedHost(),
                    r.receivedPort(), r.transport(), r.expiresAt(),
                    Math.max(0, Duration.between(now, r.expiresAt()).toSeconds()), r.q(), r.userAgent(), r.updatedAt()));
        }
        List<UserRegistrations> items = new ArrayList<>();
        byAor.forEach((aor, contacts) -> {
            String user = userOf(aor);
            if (username == null || username.equals(user)) {
                items.add(new UserRegistrations(user, aor, contacts));
            }
        });
        ctx.json(new Listing(items, items.size()));
    }

    /** "sip:alice@realm" -> "alice". */
    private static String userOf(String aor) {
        int colon = aor.indexOf(':');
        int at = aor.indexOf('@');
        return colon >= 0 && at > colon ? aor.substring(colon + 1, at) : aor;
    }
}
