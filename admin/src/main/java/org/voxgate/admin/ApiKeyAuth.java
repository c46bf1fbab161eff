package org.voxgate.admin;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.store.ApiKey;
import org.voxgate.store.ApiKeyRepository;
import org.voxgate.store.StoreException;

/**
 * Runs before every matched route: a route registered without an {@link ApiRole} is public
 * ({@code /health}, {@code /metrics}); any other needs {@code Authorization: Bearer <key>}
 * naming an active key whose role covers the route's. No usable key is 401 with
 * {@code WWW-Authenticate: Bearer} (RFC 6750); a key with too small a role is 403.
 *
 * <p>Every request looks the key up in the store (one primary-key read), so a revocation
 * takes effect at once on every node, with no cache to invalidate. The last use is written
 * back at most once a minute per key.
 *
 * <p>Thread-safe: called concurrently on request threads; the only state is the map of last
 * recorded uses. The repository belongs to the application.
 */
final class ApiKeyAuth implements Handler {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuth.class);
    /** Request attribute holding the {@link ApiKey} that authenticated the request. */
    static final String KEY_ATTRIBUTE = "voxgate.apiKey";
    private static final String CHALLENGE = "Bearer realm=\"voxgate\"";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

    ApiKeyAuth(ApiKeyRepository keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handle(Context ctx) {
        ApiRole required = required(ctx);
        if (required == null) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw challenge(ctx, null, "an API key is required: send Authorization: Bearer <key>");
        }
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw challenge(ctx, "invalid_request", "the Authorization header must read Bearer <key>");
        }
        ApiKeyToken token = ApiKeyToken.parse(header.substring(7).trim()).orElseThrow(() ->
                challenge(ctx, "invalid_token", "malformed API key: keys read vxg_<id>_<secret>"));
        Optional<ApiKey> found = keys.find(token.id()).filter(k -> token.matches(k.keyHash()));
        if (found.isEmpty()) {
            throw challenge(ctx, "invalid_token", "unknown API key");
        }
        ApiKey key = found.get();
        if (!key.active()) {
            throw challenge(ctx, "invalid_token", "API key " + key.id() + " was revoked");
        }
        ApiRole held = ApiRole.valueOf(key.role().toUpperCase(Locale.ROOT));
        if (!held.covers(required)) {
            throw ApiError.forbidden(ctx.method() + " " + ctx.endpointHandlerPath() + " needs the "
                    + required.name().toLowerCase(Locale.ROOT) + " role; key " + key.id() + " has "
                    + key.role());
        }
        ctx.attribute(KEY_ATTRIBUTE, key);
        touch(key.id());
    }

    /** The lowest role among the route's, or null for a public route. */
    private static ApiRole required(Context ctx) {
        ApiRole lowest = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof ApiRole api && (lowest == null || api.ordinal() < lowest.ordinal())) {
                lowest = api;
            }
        }
        return lowest;
    }

    private static ApiError challenge(Context ctx, String error, String message) {
        ctx.header("WWW-Authenticate", error == null ? CHALLENGE : CHALLENGE + ", error=\"" + error + "\"");
        return ApiError.unauthorized(message);
    }

    private void touch(String id) {
        Instant now = clock.instant();
        Instant last = lastTouched.get(id);
        if (last != null && last.plus(TOUCH_INTERVAL).isAfter(now)) {
            return;
        }
        lastTouched.put(id, now);
        try {
            keys.touch(id, now);
        } catch (StoreException e) {
            // the lookup just worked, so this is a blip; the request itself need not fail
            log.warn("Could not record the use of API key {}", id, e);
        }
    }
}
