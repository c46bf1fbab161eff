package org.voxgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.voxgate.store.SipUser;
import org.voxgate.store.SipUserRepository;

/**
 * {@code /api/sip-users}: create, list, read, change and delete SIP users. The password is
 * write-only: it is turned into HA1 hashes in the configured realm at once and never stored
 * or returned. Each change is told to {@link SipUserEvents} once it is in the store.
 *
 * <p>Stateless and thread-safe; handlers run on request threads and block on the repository.
 */
final class SipUsersApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** SIP user-part characters that need no escaping, so the name reads the same in every URI. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~+-]{0,63}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 128;
    private static final int MAX_DISPLAY_NAME = 255;
    private static final Set<String> CREATE_FIELDS = Set.of("username", "password", "displayName", "enabled");
    private static final Set<String> UPDATE_FIELDS = Set.of("password", "displayName", "enabled");

    private final SipUserRepository users;
    private final String realm;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private volatile SipUserEvents events = SipUserEvents.none();

    SipUsersApi(SipUserRepository users, String realm, Clock clock) {
        this.users = users;
        this.realm = realm;
        this.clock = clock;
    }

    void listen(SipUserEvents listener) {
        this.events = listener;
    }

    /** What the API shows of a user: never its hashes. */
    record SipUserView(String username, String displayName, boolean enabled, String realm, Instant createdAt,
            Instant updatedAt) {
        static SipUserView of(SipUser u) {
            return new SipUserView(u.username(), u.displayName(), u.enabled(), u.realm(), u.createdAt(), u.updatedAt());
        }
    }

    void create(Context ctx) {
        JsonNode body = body(ctx, CREATE_FIELDS);
        String username = requiredText(body, "username");
        if (!USERNAME.matcher(username).matches()) {
            throw ApiError.badRequest("username",
                    "username must be 1-64 characters: letters, digits and . _ ~ + - (not first)");
        }
        String password = password(body, true);
        SipUser user = SipUser.create(username, realm, password, displayName(body), enabled(body, true), clock.instant());
        if (!users.insert(user)) {
            throw ApiError.conflict("username", "a SIP user named " + username + " exists already");
        }
        events.changed(username, user.enabled());
        ctx.status(201).header("Location", "/api/sip-users/" + username).json(SipUserView.of(user));
    }

    void list(Context ctx) {
        Paging paging = Paging.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        List<SipUserView> items = users.list(paging.offset(), paging.limit()).stream().map(SipUserView::of).toList();
        ctx.json(paging.page(items, users.count()));
    }

    void detail(Context ctx) {
        ctx.json(SipUserView.of(existing(ctx.pathParam("username"))));
    }

    void update(Context ctx) {
        SipUser user = existing(ctx.pathParam("username"));
        JsonNode body = body(ctx, UPDATE_FIELDS);
        Instant now = clock.instant();
        String password = password(body, false);
        if (password != null) {
            user = user.withPassword(realm, password, now);
        }
        String displayName = body.has("displayName") ? displayName(body) : user.displayName();
        user = user.withProfile(displayName, enabled(body, user.enabled()), now);
        if (!users.update(user)) {
            throw ApiError.notFound("no SIP user named " + user.username());
        }
        events.changed(user.username(), user.enabled());
        ctx.json(SipUserView.of(user));
    }

    void delete(Context ctx) {
        String username = ctx.pathParam("username");
        if (!users.delete(username)) {
            throw ApiError.notFound("no SIP user named " + username);
        }
        events.removed(username);
        ctx.status(204);
    }

    private SipUser existing(String username) {
        return users.find(username).orElseThrow(() -> ApiError.notFound("no SIP user named " + username));
    }

    private JsonNode body(Context ctx, Set<String> allowed) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body", "the body must be a JSON object");
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("body", "the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiError.badRequest(name, "unknown field " + name + "; allowed: " + String.join(", ", allowed));
            }
        }
        return body;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiError.badRequest(field, field + " is required");
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest(field, field + " must be a string");
        }
        return node.asText();
    }

    /** The password, checked; never echoed in an error. Null when optional and absent. */
    private static String password(JsonNode body, boolean required) {
        if (!required && !body.has("password")) {
            return null;
        }
        String password = requiredText(body, "password");
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ApiError.badRequest("password", "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters");
        }
        return password;
    }

    private static String displayName(JsonNode body) {
        JsonNode node = body.get("displayName");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("displayName", "displayName must be a string");
        }
        String name = node.asText().strip();
        if (name.length() > MAX_DISPLAY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("displayName", "displayName must be at most " + MAX_DISPLAY_NAME
                    + " characters without control characters");
        }
        return name.isEmpty() ? null : name;
    }

    private static boolean enabled(JsonNode body, boolean current) {
        JsonNode node = body.get("enabled");
        if (node == null || node.isNull()) {
            return current;
        }
        if (!node.isBoolean()) {
            throw ApiError.badRequest("enabled", "enabled must be true or false");
        }
        return node.asBoolean();
    }
}
