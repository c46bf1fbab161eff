package org.voxgate.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.store.ApiKeyRepository;
import org.voxgate.store.CallRepository;
import org.voxgate.store.RegistrationRepository;
import org.voxgate.store.SipUserRepository;
import org.voxgate.store.StoreException;

/**
 * The admin HTTP API on Javalin (embedded Jetty):
 * <ul>
 *   <li>{@code GET /health} &mdash; 200 or 503 with per-component status;</li>
 *   <li>{@code GET /api/calls?offset=0&limit=50} &mdash; calls newest first, without turns, filtered
 *       by {@code bot}, {@code direction}, {@code outcome}, {@code from}, {@code to}, {@code caller}
 *       (see {@link CallFilters}); {@code GET /api/calls/export.csv} &mdash; the same as CSV
 *       ({@link CallsExport});</li>
 *   <li>{@code GET /api/analytics/bots} &mdash; per-bot figures over a period ({@link AnalyticsApi});</li>
 *   <li>{@code GET /api/calls/{id}} &mdash; one call with its turns;</li>
 *   <li>{@code GET /metrics} &mdash; Prometheus text exposition of the given registry;</li>
 *   <li>{@code /api/sip-users[/{username}]} &mdash; SIP users (password write-only), and
 *       {@code GET /api/registrations} &mdash; their live bindings, when given the repositories.</li>
 *   <li>with {@link Telephony}: {@code /api/trunks}, {@code /api/numbers} (CRUD),
 *       {@code POST /api/calls}, {@code DELETE /api/calls/{id}}, {@code POST /api/calls/{id}/hangup},
 *       {@code POST /api/calls/{id}/transfer}.</li>
 *   <li>with {@link #serveRecordings}: {@code GET /api/calls/{id}/recording} &mdash; the call's WAV
 *       (see {@link RecordingsApi}), and {@code "recording": true|false} in {@code GET /api/calls/{id}}.</li>
 * </ul>
 * Every route but {@code /health} and {@code /metrics} is registered with the {@link ApiRole}
 * it requires and needs an API key ({@link #useApiKeys}, required before {@link #start()}):
 * 401 without a usable key, 403 when its role is too small; {@code /api/keys} manages keys.
 * Further resources are plugged in with {@link #add(ApiRoutes)}. {@code GET /api/openapi.json}
 * serves the {@link OpenApiDocument} built from {@code openapi/*.json}; a registered route it
 * does not document is logged at start-up.
 * Errors are JSON {@code {"error": code, "message": text[, "field": name]}}: 400 for bad
 * parameters, 404 for unknown calls and paths, 503 when the store is unavailable, 500 (logged)
 * for anything else.
 *
 * <p><b>Threading.</b> {@link #start()} and {@link #close()} are meant for the application's
 * start-up and shutdown thread; requests are served on virtual threads, so handlers may block
 * on JDBC. <b>Ownership.</b> The server owns its Jetty instance; the repository, health check
 * and registry belong to the caller and are only read.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    /** Bodies are small JSON documents (a trunk, a call, a user); anything large is a mistake or an attack. */
    private static final long MAX_REQUEST_BYTES = 1_000_000;
    /** Uploaded files (a campaign's contact CSV: 100,000 rows with a few variables). */
    static final long MAX_UPLOAD_BYTES = 20_000_000;
    /** The routes that take a file rather than JSON, with its media type and limit. */
    private static final Map<String, JsonRequestGuard.Upload> UPLOADS = Map.of(
            "POST " + CampaignContactsRoutes.UPLOAD_PATH, new JsonRequestGuard.Upload("text/csv", MAX_UPLOAD_BYTES));
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final AdminConfig config;
    private final CallsApi callsApi;
    private final CallsExport callsExport;
    private final AnalyticsApi analyticsApi;
    private final HealthApi healthApi;
    private final PrometheusMeterRegistry metrics;
    private final Telephony telephony;
    private final SipUsersApi sipUsersApi;
    private final RegistrationsApi registrationsApi;
    private RecordingsApi recordingsApi;
    private final List<ApiRoutes> resources = new ArrayList<>();
    private final RouteCatalog routes = new RouteCatalog();
    private ApiKeyRepository apiKeys;
    private Clock keyClock;
    private OpenApiDocument openApi;
    private Javalin app;
    private boolean closed;

    /** Prepares the server without the trunk, number and outbound call endpoints. */
    public AdminServer(AdminConfig config, CallRepository calls, HealthCheck health,
                       PrometheusMeterRegistry metrics) {
        this(config, calls, health, metrics, null, null, null, null, null);
    }

    /** Prepares the server with the trunk, number and outbound call endpoints, without SIP users. */
    public AdminServer(AdminConfig config, CallRepository calls, HealthCheck health,
                       PrometheusMeterRegistry metrics, Telephony telephony) {
        this(config, calls, health, metrics, null, null, null, null, telephony);
    }

    /** Prepares the server with the SIP user and registration endpoints, without trunks. */
    public AdminServer(AdminConfig config, CallRepository calls, HealthCheck health,
                       PrometheusMeterRegistry metrics, SipUserRepository sipUsers,
                       RegistrationRepository registrations, String realm, Clock clock) {
        this(config, calls, health, metrics, sipUsers, registrations, realm, clock, null);
    }

    /**
     * Prepares the server; nothing listens until {@link #start()}.
     *
     * @param sipUsers SIP users, or null to leave {@code /api/sip-users} out
     * @param registrations registrations, or null to leave {@code /api/registrations} out
     * @param realm the digest realm new passwords are hashed in (sip.realm)
     * @param clock time source for creation stamps and remaining lifetimes
     * @param telephony what {@code /api/trunks}, {@code /api/numbers} and placing calls need,
     *                  or null to leave those endpoints out
     */
    public AdminServer(AdminConfig config, CallRepository calls, HealthCheck health,
                       PrometheusMeterRegistry metrics, SipUserRepository sipUsers,
                       RegistrationRepository registrations, String realm, Clock clock, Telephony telephony) {
        this.config = Objects.requireNonNull(config, "config");
        CallFilters filters = new CallFilters(telephony == null ? null : telephony.defaultRegion());
        this.callsApi = new CallsApi(Objects.requireNonNull(calls, "calls"), filters);
        this.callsExport = new CallsExport(calls.search(), filters);
        this.analyticsApi = new AnalyticsApi(calls.analytics());
        this.healthApi = new HealthApi(Objects.requireNonNull(health, "health"));
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.sipUsersApi = sipUsers == null ? null : new SipUsersApi(sipUsers, Objects.requireNonNull(realm, "realm"),
                Objects.requireNonNull(clock, "clock"));
        this.registrationsApi = registrations == null ? null
                : new RegistrationsApi(registrations, Objects.requireNonNull(clock, "clock"));
        this.telephony = telephony;
    }

    /**
     * Binds the configured address and port and starts serving.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (app != null || closed) {
            throw new IllegalStateException("admin server already started or closed");
        }
        if (apiKeys == null) {
            throw new IllegalStateException("no API key store: call useApiKeys before start");
        }
        openApi = OpenApiDocument.load(objectMapper());
        Javalin created = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = true;
            // Jetty's own cap is the upload limit; JsonRequestGuard holds every other route to
            // MAX_REQUEST_BYTES before its body is read.
            cfg.http.maxRequestSize = MAX_UPLOAD_BYTES;
            cfg.jsonMapper(new JavalinJackson(objectMapper(), false));
            cfg.events(events -> events.handlerAdded(routes::record));
        });
        created.beforeMatched(new ApiKeyAuth(apiKeys, keyClock));
        created.beforeMatched(new JsonRequestGuard(MAX_REQUEST_BYTES, UPLOADS));
        created.get("/health", healthApi::health);
        created.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi.json()),
                ApiRole.VIEWER);
        new ApiKeysApi(apiKeys, new JsonBodies(objectMapper()), keyClock, new SecureRandom()).addTo(created);
        created.get("/api/calls", callsApi::list, ApiRole.VIEWER);
        // before /api/calls/{id}, which would otherwise take "export.csv" for a call id
        created.get("/api/calls/export.csv", callsExport::export, ApiRole.VIEWER);
        created.get("/api/calls/{id}", callsApi::detail, ApiRole.VIEWER);
        created.get("/api/analytics/bots", analyticsApi::bots, ApiRole.VIEWER);
        if (recordingsApi != null) {
            created.get("/api/calls/{id}/recording", recordingsApi::download, ApiRole.VIEWER);
        }
        created.get("/metrics", this::scrape);
        if (sipUsersApi != null) {
            created.post("/api/sip-users", sipUsersApi::create, ApiRole.ADMIN);
            created.get("/api/sip-users", sipUsersApi::list, ApiRole.VIEWER);
            created.get("/api/sip-users/{username}", sipUsersApi::detail, ApiRole.VIEWER);
            created.put("/api/sip-users/{username}", sipUsersApi::update, ApiRole.ADMIN);
            created.delete("/api/sip-users/{username}", sipUsersApi::delete, ApiRole.ADMIN);
        }
        if (registrationsApi != null) {
            created.get("/api/registrations", registrationsApi::list, ApiRole.VIEWER);
        }
        if (telephony != null) {
            addTelephony(created);
        }
        resources.forEach(resource -> resource.addTo(created));
        created.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
        created.exception(HttpResponseException.class, AdminServer::frameworkError);
        created.exception(StoreException.class, (e, ctx) -> {
            log.warn("Admin request {} {} failed: store unavailable", ctx.method(), ctx.path(), e);
            ctx.status(503).json(new ErrorBody("store_unavailable", "the call store is unavailable"));
        });
        created.exception(Exception.class, (e, ctx) -> {
            log.error("Admin request {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ErrorBody("internal_error",
                    "internal server error; see the server log"));
        });
        Set<String> undocumented = undocumentedRoutes();
        if (!undocumented.isEmpty()) {
            log.warn("Admin routes missing from the OpenAPI document (add them to admin/src/main/resources/openapi): {}",
                    undocumented);
        }
        created.start(config.bindAddress(), config.port());
        app = created;
        log.info("Admin API listening on {}:{}", config.bindAddress(), created.port());
    }

    /**
     * The port actually bound (useful with port 0).
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("admin server not started");
        }
        return app.port();
    }

    /**
     * Requires an API key on every route registered with a role, looked up in {@code keys};
     * {@code clock} stamps keys' creation, use and revocation. Call before {@link #start()}.
     */
    public synchronized void useApiKeys(ApiKeyRepository keys, Clock clock) {
        if (app != null) {
            throw new IllegalStateException("admin server already started");
        }
        this.apiKeys = Objects.requireNonNull(keys, "keys");
        this.keyClock = Objects.requireNonNull(clock, "clock");
    }

    /** Every route registered ({@code "GET /api/calls/{id}"}) with its role; complete once started. */
    synchronized Map<String, String> routes() {
        return routes.roles();
    }

    /** The routes registered but not in the OpenAPI document. */
    synchronized Set<String> undocumentedRoutes() {
        Set<String> missing = new TreeSet<>(routes.roles().keySet());
        missing.removeAll(openApi.operations());
        return missing;
    }

    /** The OpenAPI document served; available once started. */
    synchronized OpenApiDocument openApi() {
        return openApi;
    }

    /** Stops serving and releases the port; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (app != null) {
            app.stop();
        }
    }

    private void addTelephony(Javalin created) {
        JsonBodies bodies = new JsonBodies(objectMapper());
        TrunksApi trunks = new TrunksApi(telephony, bodies);
        created.get("/api/trunks", trunks::list, ApiRole.VIEWER);
        created.post("/api/trunks", trunks::create, ApiRole.ADMIN);
        created.get("/api/trunks/{name}", trunks::get, ApiRole.VIEWER);
        created.put("/api/trunks/{name}", trunks::replace, ApiRole.ADMIN);
        created.delete("/api/trunks/{name}", trunks::delete, ApiRole.ADMIN);
        NumbersApi numbers = new NumbersApi(telephony, bodies);
        created.get("/api/numbers", numbers::list, ApiRole.VIEWER);
        created.post("/api/numbers", numbers::create, ApiRole.ADMIN);
        created.get("/api/numbers/{number}", numbers::get, ApiRole.VIEWER);
        created.put("/api/numbers/{number}", numbers::replace, ApiRole.ADMIN);
        created.delete("/api/numbers/{number}", numbers::delete, ApiRole.ADMIN);
        OutboundCallsApi outbound = new OutboundCallsApi(telephony.calls(), bodies);
        created.post("/api/calls", outbound::place, ApiRole.OPERATOR);
        created.delete("/api/calls/{id}", outbound::hangup, ApiRole.OPERATOR);
        created.post("/api/calls/{id}/hangup", outbound::hangup, ApiRole.OPERATOR);
        created.post("/api/calls/{id}/transfer", outbound::transfer, ApiRole.OPERATOR);
    }

    private void scrape(Context ctx) {
        ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(metrics.scrape());
    }

    // Javalin's own 4xx/5xx (unknown path, wrong method, body too large) in our JSON shape.
    private static void frameworkError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String message = status == 404
                ? "no endpoint " + ctx.method() + " " + ctx.path()
                : e.getMessage();
        ctx.status(status).json(new ErrorBody(code, message));
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // money: 0.00000012, never 1.2E-7
                .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /**
     * Serves {@code GET /api/calls/{id}/recording} from {@code recordings} and adds
     * {@code "recording"} to a call's JSON. Call before {@link #start()}; without it there is
     * no recording endpoint.
     */
    public synchronized void serveRecordings(CallRecordingFiles recordings) {
        if (app != null) {
            throw new IllegalStateException("admin server already started");
        }
        recordingsApi = new RecordingsApi(Objects.requireNonNull(recordings, "recordings"));
        callsApi.showRecordings(recordingsApi::exists);
    }

    /**
     * Adds a resource's routes (see {@link ApiRoutes}). Call before {@link #start()}.
     *
     * @throws IllegalStateException once started
     */
    public synchronized void add(ApiRoutes resource) {
        if (app != null) {
            throw new IllegalStateException("admin server already started");
        }
        resources.add(Objects.requireNonNull(resource, "resource"));
    }

    /**
     * Tells {@code events} about every SIP user change made through the API (once it is in
     * the store), so the SIP side can act at once. Call before {@link #start()}; without it
     * nobody is told.
     */
    public void notifySipUserChanges(SipUserEvents events) {
        if (sipUsersApi != null) {
            sipUsersApi.listen(Objects.requireNonNull(events, "events"));
        }
    }
}
