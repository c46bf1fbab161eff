package org.voxgate.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.voxgate.store.DoNotCallRepository;
import org.voxgate.store.PhoneNumbers;

/**
 * The do-not-call list, which every campaign consults before each dial:
 * <ul>
 *   <li>{@code GET /api/do-not-call?offset=&limit=} (viewer): newest first, paged;</li>
 *   <li>{@code POST /api/do-not-call} (operator) {@code {phone, reason}}: 201 with the entry
 *       ({@code added: true}) when added, 200 with {@code added: false} when the number was on
 *       the list already (its entry unchanged);</li>
 *   <li>{@code DELETE /api/do-not-call/{phone}} (operator): 204, 404 when not on the list.</li>
 * </ul>
 * Numbers are normalized to E.164, national ones read in the node's default region; anything
 * that is not a telephone number is 400 naming {@code phone}.
 *
 * <p>Thread-safe: handlers share only the repository, the clock and immutable helpers.
 */
public final class DoNotCallApi implements ApiRoutes {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    private static final int MAX_REASON = 255;

    private final DoNotCallRepository list;
    private final String defaultRegion;
    private final Clock clock;
    private final PhoneNumbers numbers = new PhoneNumbers();
    private final JsonBodies bodies = new JsonBodies(AdminServer.objectMapper());

    /** A number to add. */
    record Entry(String phone, String reason) {}

    /** The answer to an add: the new entry, or {@code added: false} when the number was listed already. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Added(String phone, String reason, Instant createdAt, boolean added) {}

    /**
     * @param defaultRegion the node's region for numbers without a country code
     * @param clock         stamps new entries
     */
    public DoNotCallApi(DoNotCallRepository list, String defaultRegion, Clock clock) {
        this.list = Objects.requireNonNull(list, "list");
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/api/do-not-call", this::page, ApiRole.VIEWER);
        app.post("/api/do-not-call", this::add, ApiRole.OPERATOR);
        app.delete("/api/do-not-call/{phone}", this::remove, ApiRole.OPERATOR);
    }

    private void page(Context ctx) {
        Paging paging = Paging.of(ctx, DEFAULT_PAGE, MAX_PAGE);
        ctx.json(paging.page(list.list(paging.offset(), paging.limit()), list.count()));
    }

    private void add(Context ctx) {
        Entry in = bodies.read(ctx, Entry.class);
        String phone = e164(in.phone());
        String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiError.badRequest("reason", "reason must be at most " + MAX_REASON + " characters");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what the store keeps
        if (list.add(phone, reason, now)) {
            ctx.status(201).json(new Added(phone, reason, now, true));
        } else {
            // The entry there stays as it was (the store has no lookup of one entry to show it).
            ctx.json(new Added(phone, null, null, false));
        }
    }

    private void remove(Context ctx) {
        String phone = e164(ctx.pathParam("phone"));
        if (!list.remove(phone)) {
            throw ApiError.notFound(phone + " is not on the do-not-call list");
        }
        ctx.status(204);
    }

    private String e164(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiError.badRequest("phone", "phone is required");
        }
        return numbers.toE164(raw, defaultRegion)
                .filter(p -> p.length() <= 16)
                .orElseThrow(() -> ApiError.badRequest("phone", "phone is not a telephone number: " + raw));
    }
}
