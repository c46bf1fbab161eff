package org.voxgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.voxgate.store.CallerProfile;
import org.voxgate.store.CallerProfileRepository;
import org.voxgate.store.CallerStats;

/**
 * Caller profiles: what operators know about a caller, and the caller's history from the calls.
 * <ul>
 *   <li>{@code GET /api/callers?tag=&offset=&limit=} (viewer): profiles ordered by key, paged;</li>
 *   <li>{@code GET /api/callers/{phone}} (viewer): the profile with its {@code stats}; a caller
 *       with calls but no profile gets a stats-only view ({@code "profile": false}); 404 when
 *       there is neither;</li>
 *   <li>{@code PUT /api/callers/{phone}} (operator): creates (201) or replaces (200)
 *       {@code displayName}, {@code notes}, {@code tags};</li>
 *   <li>{@code PATCH /api/callers/{phone}} (operator): changes only the fields given (null
 *       clears); 404 without a profile;</li>
 *   <li>{@code DELETE /api/callers/{phone}} (operator): 204; the caller's calls stay.</li>
 * </ul>
 * {@code phone} is a number in any common spelling (normalized to E.164; national numbers are
 * read in the node's default region) or a SIP user part; anything else is a 400 naming
 * {@code phone}.
 *
 * <p>Thread-safe: handlers share only the repository, the clock and immutable helpers.
 */
public final class CallerProfilesApi implements ApiRoutes {

    static final int MAX_NAME = 255;
    static final int MAX_NOTES = 4_000;
    static final int MAX_TAGS = 20;
    static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Set<String> FIELDS = Set.of("displayName", "notes", "tags");

    private final CallerProfileRepository profiles;
    private final CallFilters keys;
    private final Clock clock;
    private final ObjectMapper json = AdminServer.objectMapper();
    private final JsonBodies bodies = new JsonBodies(json);

    /**
     * @param profiles      the caller profile table
     * @param defaultRegion region for numbers without a country code, or null to require one
     * @param clock         time source for update stamps and the recent-calls window
     */
    public CallerProfilesApi(CallerProfileRepository profiles, String defaultRegion, Clock clock) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.keys = new CallFilters(defaultRegion);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/api/callers", this::list, ApiRole.VIEWER);
        app.get("/api/callers/{phone}", this::get, ApiRole.VIEWER);
        app.put("/api/callers/{phone}", this::put, ApiRole.OPERATOR);
        app.patch("/api/callers/{phone}", this::patch, ApiRole.OPERATOR);
        app.delete("/api/callers/{phone}", this::delete, ApiRole.OPERATOR);
    }

    /** A profile as PUT takes it. */
    record ProfileInput(String displayName, String notes, List<String> tags) {}

    /** A caller as the API shows it; the profile fields are null when {@code profile} is false. */
    record CallerView(String phone, boolean profile, String displayName, String notes, List<String> tags,
                      Instant createdAt, Instant updatedAt, Stats stats) {}

    /** The caller's calls (inbound from it, outbound to it). */
    record Stats(long totalCalls, long callsLast7Days, Instant lastCallAt, String lastOutcome) {}

    /** A listed profile (no stats: they cost a query per row). */
    record ProfileView(String phone, String displayName, String notes, List<String> tags, Instant createdAt,
                       Instant updatedAt) {}

    void list(Context ctx) {
        String tag = CallFilters.text(ctx, "tag");
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw ApiError.badRequest("tag", "tag must match " + TAG.pattern());
        }
        Paging paging = Paging.of(ctx, CallsApi.DEFAULT_LIMIT, CallsApi.MAX_LIMIT);
        List<ProfileView> items = profiles.list(tag, paging.offset(), paging.limit()).stream()
                .map(p -> new ProfileView(p.phone(), p.displayName(), p.notes(), p.tags(), p.createdAt(),
                        p.updatedAt()))
                .toList();
        ctx.json(paging.page(items, profiles.count(tag)));
    }

    void get(Context ctx) {
        String phone = phone(ctx);
        Optional<CallerProfile> profile = profiles.find(phone);
        CallerStats stats = profiles.stats(phone, clock.instant(), null);
        if (profile.isEmpty() && stats.firstTime()) {
            throw ApiError.notFound("no profile and no calls for caller " + phone);
        }
        ctx.json(view(phone, profile.orElse(null), stats));
    }

    void put(Context ctx) {
        String phone = phone(ctx);
        ProfileInput in = bodies.read(ctx, ProfileInput.class);
        boolean existed = profiles.find(phone).isPresent();
        CallerProfile saved = save(phone, in.displayName(), in.notes(), in.tags());
        ctx.status(existed ? 200 : 201).json(view(phone, saved, profiles.stats(phone, clock.instant(), null)));
    }

    void patch(Context ctx) {
        String phone = phone(ctx);
        JsonNode body = readObject(ctx);
        CallerProfile old = profiles.find(phone)
                .orElseThrow(() -> ApiError.notFound("no profile for caller " + phone + "; create it with PUT"));
        String name = body.has("displayName") ? string(body, "displayName") : old.displayName();
        String notes = body.has("notes") ? string(body, "notes") : old.notes();
        List<String> tags = body.has("tags") ? tags(body.get("tags")) : old.tags();
        CallerProfile saved = save(phone, name, notes, tags);
        ctx.json(view(phone, saved, profiles.stats(phone, clock.instant(), null)));
    }

    void delete(Context ctx) {
        String phone = phone(ctx);
        if (!profiles.delete(phone)) {
            throw ApiError.notFound("no profile for caller " + phone);
        }
        ctx.status(204);
    }

    private CallerProfile save(String phone, String displayName, String notes, List<String> tags) {
        String name = blankToNull(displayName);
        if (name != null && name.length() > MAX_NAME) {
            throw ApiError.badRequest("displayName", "displayName must be at most " + MAX_NAME + " characters");
        }
        String text = blankToNull(notes);
        if (text != null && text.length() > MAX_NOTES) {
            throw ApiError.badRequest("notes", "notes must be at most " + MAX_NOTES + " characters");
        }
        return profiles.put(phone, name, text, checkedTags(tags), clock.instant());
    }

    private static List<String> checkedTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiError.badRequest("tags", "at most " + MAX_TAGS + " tags");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null || !TAG.matcher(tag).matches()) {
                throw ApiError.badRequest("tags", "each tag must match " + TAG.pattern() + " (was " + tag + ")");
            }
            unique.add(tag);
        }
        return List.copyOf(unique);
    }

    private String phone(Context ctx) {
        return keys.callerKey(ctx.pathParam("phone"), "phone");
    }

    private JsonNode readObject(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            throw ApiError.badRequest(null, "a JSON body is required");
        }
        JsonNode body;
        try {
            body = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(null, "malformed JSON body");
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest(null, "the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest(name, "unknown field " + name);
            }
        }
        return body;
    }

    private static String string(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest(field, field + " must be a string or null");
        }
        return value.asText();
    }

    private static List<String> tags(JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiError.badRequest("tags", "tags must be an array of strings");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw ApiError.badRequest("tags", "tags must be an array of strings");
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static CallerView view(String phone, CallerProfile p, CallerStats s) {
        Stats stats = new Stats(s.totalCalls(), s.recentCalls(), s.lastCallAt(), s.lastOutcome());
        if (p == null) {
            return new CallerView(phone, false, null, null, null, null, null, stats);
        }
        return new CallerView(phone, true, p.displayName(), p.notes(), p.tags(), p.createdAt(), p.updatedAt(), stats);
    }
}
