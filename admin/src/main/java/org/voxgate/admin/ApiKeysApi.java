package org.voxgate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.store.ApiKey;
import org.voxgate.store.ApiKeyRepository;

/**
 * {@code /api/keys} (admin role): {@code POST} creates a key and shows it once, {@code GET}
 * lists keys (never a key or its hash), {@code GET /{id}} shows one, {@code DELETE /{id}}
 * revokes one, except the last active admin key (409).
 *
 * <p>Thread-safe: handlers run concurrently on request threads; the repository and the
 * random source are thread-safe and owned by the application.
 */
final class ApiKeysApi implements ApiRoutes {

    private static final Logger log = LoggerFactory.getLogger(ApiKeysApi.class);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_NAME = 100;
    /** Ids are 8 random base62 characters: a clash is rare, a second clash rarer still. */
    private static final int INSERT_ATTEMPTS = 5;

    private final ApiKeyRepository keys;
    private final JsonBodies bodies;
    private final Clock clock;
    private final SecureRandom random;

    ApiKeysApi(ApiKeyRepository keys, JsonBodies bodies, Clock clock, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    record CreateKey(String name, String role) {}

    /** A key as listed: everything but the hash. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyView(String id, String name, String role, boolean active, Instant createdAt,
                   Instant lastUsedAt, Instant revokedAt) {
        static KeyView of(ApiKey k) {
            return new KeyView(k.id(), k.name(), k.role(), k.active(), k.createdAt(), k.lastUsedAt(), k.revokedAt());
        }
    }

    /** The answer to a creation: the only time the key itself is sent. */
    record CreatedKey(String id, String name, String role, Instant createdAt, String key) {}

    @Override
    public void addTo(Javalin app) {
        app.post("/api/keys", this::create, ApiRole.ADMIN);
        app.get("/api/keys", this::list, ApiRole.ADMIN);
        app.get("/api/keys/{id}", this::detail, ApiRole.ADMIN);
        app.delete("/api/keys/{id}", this::revoke, ApiRole.ADMIN);
    }

    void create(Context ctx) {
        CreateKey body = bodies.read(ctx, CreateKey.class);
        String name = body.name() == null ? null : body.name().strip();
        if (name == null || name.isEmpty()) {
            throw ApiError.badRequest("name", "name is required: what the key is for");
        }
        if (name.length() > MAX_NAME) {
            throw ApiError.badRequest("name", "name must be at most " + MAX_NAME + " characters");
        }
        String role = role(body.role());
        Instant now = clock.instant();
        for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
            ApiKeyToken token = ApiKeyToken.generate(random);
            ApiKey key = new ApiKey(token.id(), name, role, token.hash(), now, null, null);
            if (keys.insert(key)) {
                ApiKey by = ctx.attribute(ApiKeyAuth.KEY_ATTRIBUTE);
                log.info("API key {} ({}, {}) created by key {}", key.id(), role, name, by == null ? "-" : by.id());
                ctx.status(201).header("Location", "/api/keys/" + key.id())
                        .json(new CreatedKey(key.id(), name, role, now, token.key()));
                return;
            }
        }
        throw new IllegalStateException("no free API key id after " + INSERT_ATTEMPTS + " attempts");
    }

    private static String role(String given) {
        if (given == null || given.isBlank()) {
            throw ApiError.badRequest("role", "role is required: admin, operator or viewer");
        }
        for (ApiRole r : ApiRole.values()) {
            if (r.name().equalsIgnoreCase(given.strip())) {
                return r.name().toLowerCase(Locale.ROOT);
            }
        }
        throw ApiError.badRequest("role", "role must be admin, operator or viewer, not '" + given + "'");
    }

    void list(Context ctx) {
        Paging paging = Paging.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        List<KeyView> items = keys.list(paging.offset(), paging.limit()).stream().map(KeyView::of).toList();
        ctx.json(paging.page(items, keys.count()));
    }

    void detail(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(KeyView.of(keys.find(id).orElseThrow(() -> ApiError.notFound("no API key " + id))));
    }

    void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        switch (keys.revoke(id, clock.instant())) {
            case UNKNOWN -> throw ApiError.notFound("no API key " + id);
            case LAST_ADMIN -> throw ApiError.conflict("id",
                    "key " + id + " is the last active admin key; create another admin key first");
            case REVOKED -> {
                ApiKey by = ctx.attribute(ApiKeyAuth.KEY_ATTRIBUTE);
                log.info("API key {} revoked by key {}", id, by == null ? "-" : by.id());
                ctx.status(204);
            }
            case ALREADY_REVOKED -> ctx.status(204);
        }
    }
}
