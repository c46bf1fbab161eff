package org.voxgate.admin;

import io.javalin.http.Context;
import org.voxgate.store.NumberRoute;
import org.voxgate.store.PhoneNumbers;
import org.voxgate.store.StoreException;
import org.voxgate.store.Trunk;

/**
 * {@code /api/numbers}: the numbers table that routes dialled numbers to bots. Numbers are
 * normalized to E.164 before they are stored or looked up, in the region of the number's
 * trunk (or the node's default region), exactly as the call router normalizes dialled
 * numbers, so {@code 020 7123 4567} on a GB trunk and {@code +442071234567} are one row.
 *
 * <p>Stateless and thread-safe; handlers block on the store.
 */
final class NumbersApi {
    private final Telephony telephony;
    private final JsonBodies bodies;
    private final PhoneNumbers phoneNumbers = new PhoneNumbers();

    NumbersApi(Telephony telephony, JsonBodies bodies) {
        this.telephony = telephony;
        this.bodies = bodies;
    }

    /** A number as posted; on PUT the number comes from the path. */
    record NumberInput(String number, String bot, String trunk) {}

    void list(Context ctx) {
        ctx.json(telephony.numbers().list());
    }

    void get(Context ctx) {
        String number = normalize(ctx.pathParam("number"), null);
        ctx.json(telephony.numbers().find(number).orElseThrow(() -> ApiError.notFound("no number " + number)));
    }

    void create(Context ctx) {
        NumberInput in = bodies.read(ctx, NumberInput.class);
        NumberRoute route = route(in.number(), in);
        try {
            telephony.numbers().insert(route);
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                throw ApiError.conflict("number", route.number() + " is already in the numbers table");
            }
            throw e;
        }
        ctx.status(201).json(route);
    }

    void replace(Context ctx) {
        NumberInput in = bodies.read(ctx, NumberInput.class);
        NumberRoute route = route(ctx.pathParam("number"), in);
        if (in.number() != null && !normalize(in.number(), in.trunk()).equals(route.number())) {
            throw ApiError.badRequest("number", "the number in the body differs from the one in the path");
        }
        if (!telephony.numbers().update(route)) {
            throw ApiError.notFound("no number " + route.number());
        }
        ctx.json(route);
    }

    void delete(Context ctx) {
        String number = normalize(ctx.pathParam("number"), null);
        if (!telephony.numbers().delete(number)) {
            throw ApiError.notFound("no number " + number);
        }
        ctx.status(204);
    }

    private NumberRoute route(String rawNumber, NumberInput in) {
        String trunk = in.trunk() == null || in.trunk().isBlank() ? null : in.trunk().strip();
        String number = normalize(rawNumber, trunk);
        if (in.bot() == null || in.bot().isBlank()) {
            throw ApiError.badRequest("bot", "bot is required");
        }
        if (!telephony.botExists().test(in.bot().strip())) {
            throw ApiError.badRequest("bot", "no bot named " + in.bot().strip());
        }
        return new NumberRoute(number, in.bot().strip(), trunk);
    }

    /**
     * An extension as written; otherwise E.164 in the trunk's region (the trunk must exist),
     * else the node's default region.
     */
    private String normalize(String raw, String trunkName) {
        if (raw == null || raw.isBlank()) {
            throw ApiError.badRequest("number", "number is required");
        }
        if (PhoneNumbers.isExtension(raw.strip())) {
            if (trunkName != null && telephony.trunks().find(trunkName).isEmpty()) {
                throw ApiError.badRequest("trunk", "no trunk named " + trunkName);
            }
            return raw.strip();
        }
        String region = telephony.defaultRegion();
        if (trunkName != null) {
            Trunk trunk = telephony.trunks().find(trunkName)
                    .orElseThrow(() -> ApiError.badRequest("trunk", "no trunk named " + trunkName));
            region = trunk.defaultRegion();
        }
        String r = region;
        return phoneNumbers.toE164(raw, r).orElseThrow(() -> ApiError.badRequest("number",
                raw + " is not a telephone number (region " + r + ") nor an extension (2-8 digits, optionally"
                        + " with * or #)"));
    }
}
