package org.voxgate.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.voxgate.store.CallTaskRepository;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignConflictException;
import org.voxgate.store.CampaignContactRepository;
import org.voxgate.store.CampaignReports;
import org.voxgate.store.CampaignRepository;
import org.voxgate.store.ContactResults;
import org.voxgate.store.DoNotCallRepository;
import org.voxgate.store.Store;
import org.voxgate.store.Trunk;

/**
 * Outbound campaigns:
 * <ul>
 *   <li>{@code POST /api/campaigns} (operator): creates a draft from a {@link CampaignBody}; 201;</li>
 *   <li>{@code GET /api/campaigns?state=&offset=&limit=} (viewer): newest first, paged;</li>
 *   <li>{@code GET|PUT|DELETE /api/campaigns/{id}} (viewer, operator, operator): {@code id} is the
 *       id or the name; PUT replaces the settings of a draft or paused campaign; DELETE removes
 *       a campaign that is not running;</li>
 *   <li>{@code POST /api/campaigns/{id}/start|pause|resume|stop} (operator): draft to running
 *       (it needs contacts), running to paused, paused to running, running or paused to stopped
 *       (the queued attempts are cancelled, their contacts done as {@code STOPPED});</li>
 *   <li>contacts and results: see {@link CampaignContactsRoutes}.</li>
 * </ul>
 * A bad field is 400 naming it by path; an unknown bot or trunk is 422 naming {@code bot} or
 * {@code trunk}; an action in the wrong state is 409 naming {@code state}; a taken name is 409
 * naming {@code name}. Every campaign shown carries its effective pacing ({@link CampaignView}).
 *
 * <p>Thread-safe: handlers share only the repositories, the clocks and immutable helpers.
 * State changes are conditional updates in the store, so two operators racing get one success
 * and one 409.
 */
public final class CampaignsApi implements ApiRoutes {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final CampaignRepository campaigns;
    private final CampaignContactRepository contacts;
    private final CallTaskRepository tasks;
    private final Predicate<String> botExists;
    private final Function<String, Optional<Trunk>> trunks;
    private final Clock clock;
    private final CampaignContactsRoutes contactRoutes;
    private final ObjectMapper json = AdminServer.objectMapper().copy()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * @param botExists      whether a bot of that name exists
     * @param trunks         a trunk by name
     * @param defaultRegion  the node's region for numbers without a country code, used when the
     *                       campaign's trunk is gone (a trunk's own default region comes first)
     * @param clock          real time: stamps of changes
     * @param campaignClock  the campaign clock: when uploaded contacts are first due, and "now"
     *                       in the results' progress
     */
    public CampaignsApi(CampaignRepository campaigns, CampaignContactRepository contacts, CallTaskRepository tasks,
                        DoNotCallRepository doNotCall, CampaignReports reports, ContactResults results,
                        Predicate<String> botExists, Function<String, Optional<Trunk>> trunks, String defaultRegion,
                        Clock clock, Clock campaignClock) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.botExists = Objects.requireNonNull(botExists, "botExists");
        this.trunks = Objects.requireNonNull(trunks, "trunks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.contactRoutes = new CampaignContactsRoutes(this::campaign, campaigns::find, contacts, tasks, doNotCall, reports, results,
                trunks, defaultRegion, clock, campaignClock);
    }

    /** The same over {@code store}'s repositories and data source. */
    public CampaignsApi(Store store, Predicate<String> botExists, Function<String, Optional<Trunk>> trunks,
                        String defaultRegion, Clock clock, Clock campaignClock) {
        this(store.campaigns(), store.campaignContacts(), store.callTasks(), store.doNotCall(),
                new CampaignReports(store.dataSource()), new ContactResults(store.dataSource()), botExists, trunks,
                defaultRegion, clock, campaignClock);
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/api/campaigns", this::create, ApiRole.OPERATOR);
        app.get("/api/campaigns", this::list, ApiRole.VIEWER);
        app.get("/api/campaigns/{id}", ctx -> ctx.json(view(campaign(ctx))), ApiRole.VIEWER);
        app.put("/api/campaigns/{id}", this::update, ApiRole.OPERATOR);
        app.delete("/api/campaigns/{id}", this::delete, ApiRole.OPERATOR);
        app.post("/api/campaigns/{id}/start", ctx -> start(ctx), ApiRole.OPERATOR);
        app.post("/api/campaigns/{id}/pause",
                ctx -> move(ctx, Set.of(Campaign.RUNNING), Campaign.PAUSED, "pause"), ApiRole.OPERATOR);
        app.post("/api/campaigns/{id}/resume",
                ctx -> move(ctx, Set.of(Campaign.PAUSED), Campaign.RUNNING, "resume"), ApiRole.OPERATOR);
        app.post("/api/campaigns/{id}/stop", this::stop, ApiRole.OPERATOR);
        contactRoutes.addTo(app);
    }

    private void create(Context ctx) {
        CampaignBody body = CampaignBody.read(document(ctx));
        checkReferences(body);
        Instant now = clock.instant();
        Campaign created;
        try {
            created = campaigns.create(new Campaign(null, body.name(), body.bot(), body.trunk(), body.callerId(),
                    body.timeZone(), body.settings(), null, now, null, null, null));
        } catch (CampaignConflictException e) {
            throw ApiError.conflict("name", "a campaign named " + body.name() + " exists");
        }
        ctx.status(201).json(view(created));
    }

    private void list(Context ctx) {
        String state = CallFilters.text(ctx, "state");
        if (state != null && !Campaign.STATES.contains(state)) {
            throw ApiError.badRequest("state", "state must be one of " + new java.util.TreeSet<>(Campaign.STATES));
        }
        Paging paging = Paging.of(ctx, DEFAULT_PAGE, MAX_PAGE);
        List<CampaignView> items = campaigns.list(state, paging.offset(), paging.limit()).stream()
                .map(this::view).toList();
        ctx.json(paging.page(items, campaigns.count(state)));
    }

    private void update(Context ctx) {
        Campaign old = campaign(ctx);
        CampaignBody body = CampaignBody.read(document(ctx));
        checkReferences(body);
        Campaign changed = new Campaign(old.id(), body.name(), body.bot(), body.trunk(), body.callerId(),
                body.timeZone(), body.settings(), old.state(), old.createdAt(), old.updatedAt(), old.startedAt(),
                old.finishedAt());
        try {
            ctx.json(view(campaigns.update(changed, clock.instant())));
        } catch (CampaignConflictException e) {
            throw ApiError.conflict("name", "a campaign named " + body.name() + " exists");
        } catch (IllegalStateException e) {
            throw stateConflict(old.id(), "change", "only a draft or paused campaign can be changed");
        } catch (java.util.NoSuchElementException e) {
            throw ApiError.notFound("no campaign " + ctx.pathParam("id"));
        }
    }

    private void delete(Context ctx) {
        Campaign c = campaign(ctx);
        try {
            if (!campaigns.delete(c.id(), clock.instant())) {
                throw ApiError.notFound("no campaign " + ctx.pathParam("id"));
            }
        } catch (IllegalStateException e) {
            throw ApiError.conflict("state", "campaign " + c.name() + " is running; stop or pause it first");
        }
        ctx.status(204);
    }

    private void start(Context ctx) {
        Campaign c = campaign(ctx);
        if (Campaign.DRAFT.equals(c.state()) && contacts.count(c.id(), null) == 0) {
            throw ApiError.conflict("contacts", "campaign " + c.name() + " has no contacts; upload some first");
        }
        move(ctx, Set.of(Campaign.DRAFT), Campaign.RUNNING, "start");
    }

    private void stop(Context ctx) {
        Campaign c = campaign(ctx);
        Instant now = clock.instant();
        if (!campaigns.transition(c.id(), Set.of(Campaign.RUNNING, Campaign.PAUSED), Campaign.STOPPED, now)) {
            throw stateConflict(c.id(), "stop", "only a running or paused campaign can be stopped");
        }
        // After the state change, so no node claims a task of this campaign any more.
        tasks.cancelQueued(c.id(), "STOPPED", now);
        ctx.json(view(reload(c.id())));
    }

    private void move(Context ctx, Set<String> from, String to, String action) {
        Campaign c = campaign(ctx);
        if (!campaigns.transition(c.id(), from, to, clock.instant())) {
            throw stateConflict(c.id(), action, "only a campaign that is " + String.join(" or ", from)
                    + " can " + action);
        }
        ctx.json(view(reload(c.id())));
    }

    /** 409 naming the state the campaign is in now (re-read: the caller's copy may be stale). */
    private ApiError stateConflict(String id, String action, String rule) {
        String state = campaigns.find(id).map(Campaign::state).orElse("deleted");
        return ApiError.conflict("state", "cannot " + action + " a campaign that is " + state + ": " + rule);
    }

    private void checkReferences(CampaignBody body) {
        if (!botExists.test(body.bot())) {
            throw ApiError.of(422, "bot", "no bot named " + body.bot());
        }
        if (trunks.apply(body.trunk()).isEmpty()) {
            throw ApiError.of(422, "trunk", "no trunk named " + body.trunk());
        }
    }

    /** The campaign the {@code id} path parameter names (id or name), or 404. */
    Campaign campaign(Context ctx) {
        String id = ctx.pathParam("id");
        return campaigns.find(id).orElseThrow(() -> ApiError.notFound("no campaign " + id));
    }

    private Campaign reload(String id) {
        return campaigns.find(id).orElseThrow(() -> ApiError.notFound("campaign " + id + " was deleted"));
    }

    private CampaignView view(Campaign c) {
        return CampaignView.of(c, trunks.apply(c.trunk()));
    }

    private JsonNode document(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            throw ApiError.badRequest(null, "a JSON body is required");
        }
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(null, "malformed JSON body: " + e.getOriginalMessage());
        }
    }
}
