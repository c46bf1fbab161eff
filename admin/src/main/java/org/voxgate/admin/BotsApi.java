package org.voxgate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.voxgate.store.StoreException;

/**
 * {@code /api/bots}: stored bot configurations (skillbases), their versions and their schema.
 * Reads need {@link ApiRole#VIEWER} (and so does the dry-run {@code POST /api/bots/validate});
 * writes need {@link ApiRole#ADMIN}.
 *
 * <p>Status codes: a body that is not JSON, a bad path or query parameter, or a {@code PUT}
 * whose {@code name} differs from the path is 400 naming the field; a JSON document that is
 * not a valid skillbase is 422 with every problem:
 * {@code {"error":"invalid_bot","message":...,"problems":[{"path":...,"message":...}]}};
 * a name that exists or belongs to a built-in bot is 409.
 *
 * <p>Stateless and thread-safe; handlers block on the {@link BotConfigs}.
 */
public final class BotsApi implements ApiRoutes {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final BotConfigs configs;
    // Duplicate keys would silently shadow each other: refuse them like any other typo.
    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The 422 body: the usual error fields plus the list of problems. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProblemsBody(String error, String message, List<BotProblem> problems) {}

    public BotsApi(BotConfigs configs) {
        this.configs = Objects.requireNonNull(configs, "configs");
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/api/bots/schema", ctx -> ctx.json(configs.schema()), ApiRole.VIEWER);
        app.post("/api/bots/validate", this::validate, ApiRole.VIEWER);
        app.get("/api/bots", this::list, ApiRole.VIEWER);
        app.post("/api/bots", this::create, ApiRole.ADMIN);
        app.get("/api/bots/{name}", this::get, ApiRole.VIEWER);
        app.put("/api/bots/{name}", this::update, ApiRole.ADMIN);
        app.delete("/api/bots/{name}", this::delete, ApiRole.ADMIN);
        app.get("/api/bots/{name}/versions", this::versions, ApiRole.VIEWER);
        app.get("/api/bots/{name}/versions/{version}", this::version, ApiRole.VIEWER);
        app.post("/api/bots/{name}/versions/{version}/restore", this::restore, ApiRole.ADMIN);
        app.exception(InvalidBotException.class, (e, ctx) -> ctx.status(422).json(
                new ProblemsBody("invalid_bot", e.getMessage(), e.problems())));
    }

    private void validate(Context ctx) {
        List<BotProblem> problems = configs.validate(document(ctx));
        if (!problems.isEmpty()) {
            throw new InvalidBotException(problems);
        }
        ctx.json(Map.of("valid", true));
    }

    private void list(Context ctx) {
        Paging paging = Paging.of(ctx, DEFAULT_PAGE, MAX_PAGE);
        ctx.json(paging.page(configs.list(paging.offset(), paging.limit()), configs.count()));
    }

    private void create(Context ctx) {
        JsonNode doc = document(ctx);
        JsonNode name = doc.path("name");
        if (name.isTextual() && configs.reserved(name.asText())) {
            throw ApiError.conflict("name", "the name " + name.asText() + " belongs to a built-in bot");
        }
        BotView created;
        try {
            created = configs.create(doc, null, ctx.queryParam("comment"));
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                throw ApiError.conflict("name", "a bot named " + name.asText() + " exists; PUT /api/bots/"
                        + name.asText() + " saves a new version");
            }
            throw e;
        }
        ctx.status(201).header("Location", "/api/bots/" + created.name()).json(created);
    }

    private void get(Context ctx) {
        String name = ctx.pathParam("name");
        ctx.json(configs.get(name).orElseThrow(() -> noBot(name)));
    }

    private void update(Context ctx) {
        String name = ctx.pathParam("name");
        JsonNode doc = document(ctx);
        JsonNode bodyName = doc.path("name");
        if (bodyName.isTextual() && !bodyName.asText().equals(name)) {
            throw ApiError.badRequest("name", "the name in the body (" + bodyName.asText()
                    + ") differs from the one in the path (" + name + "); a bot cannot be renamed");
        }
        ctx.json(configs.update(name, doc, null, ctx.queryParam("comment")).orElseThrow(() -> noBot(name)));
    }

    private void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!configs.delete(name)) {
            throw noBot(name);
        }
        ctx.status(204);
    }

    private void versions(Context ctx) {
        String name = ctx.pathParam("name");
        Paging paging = Paging.of(ctx, DEFAULT_PAGE, MAX_PAGE);
        int total = configs.countVersions(name);
        if (total == 0) {
            throw noBot(name);
        }
        ctx.json(paging.page(configs.versions(name, paging.offset(), paging.limit()), total));
    }

    private void version(Context ctx) {
        String name = ctx.pathParam("name");
        int version = versionParam(ctx);
        ctx.json(configs.version(name, version).orElseThrow(() -> noVersion(name, version)));
    }

    private void restore(Context ctx) {
        String name = ctx.pathParam("name");
        int version = versionParam(ctx);
        if (configs.get(name).isEmpty()) {
            throw noBot(name);
        }
        ctx.status(201).json(configs.restore(name, version, null).orElseThrow(() -> noVersion(name, version)));
    }

    private JsonNode document(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiError.badRequest(null, "a JSON body (the bot configuration) is required");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(null, "malformed JSON body: " + e.getOriginalMessage());
        }
    }

    private static int versionParam(Context ctx) {
        String raw = ctx.pathParam("version");
        try {
            int version = Integer.parseInt(raw);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("version", "version must be a whole number from 1 (was " + raw + ")");
    }

    private static ApiError noBot(String name) {
        return ApiError.notFound("no bot named " + name);
    }

    private static ApiError noVersion(String name, int version) {
        return ApiError.notFound("bot " + name + " has no version " + version);
    }
}
