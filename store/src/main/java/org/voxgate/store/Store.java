package org.voxgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL store: a HikariCP pool (named {@code voxgate}) over H2 or PostgreSQL, migrated by
 * Flyway from {@code classpath:db/migration} before {@link #open} returns.
 *
 * <p>Thread-safe. The store owns its pool and closes it in {@link #close()}; the
 * {@link DataSource} and repositories it hands out become unusable after that. Each instance is
 * created explicitly by the application (no static state), usually once per process.
 */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    // Short enough that a health check or a write during an outage fails within seconds
    // rather than Hikari's default 30 s, long enough for a busy pool under load.
    private static final long CONNECTION_TIMEOUT_MS = 3_000;
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final HikariDataSource pool;
    private final CallRepository calls;
    private final TrunkRepository trunks;
    private final NumberRepository numbers;
    private final SipUserRepository sipUsers;
    private final RegistrationRepository registrations;
    private final BotRepository bots;
    private final BookingRepository bookings;
    private final ApiKeyRepository apiKeys;
    private final CampaignRepository campaigns;
    private final CampaignContactRepository campaignContacts;
    private final CallTaskRepository callTasks;
    private final DoNotCallRepository doNotCall;

    private Store(HikariDataSource pool) {
        this.pool = pool;
        this.calls = new CallRepository(pool);
        this.trunks = new TrunkRepository(pool);
        this.numbers = new NumberRepository(pool);
        this.sipUsers = new SipUserRepository(pool);
        this.registrations = new RegistrationRepository(pool);
        this.bots = new BotRepository(pool);
        this.bookings = new BookingRepository(pool);
        this.apiKeys = new ApiKeyRepository(pool);
        this.campaigns = new CampaignRepository(pool);
        this.campaignContacts = new CampaignContactRepository(pool);
        this.callTasks = new CallTaskRepository(pool);
        this.doNotCall = new DoNotCallRepository(pool);
    }

    /**
     * Creates the pool, applies pending migrations and returns the ready store.
     *
     * @throws StoreException when the database cannot be reached or a migration fails; the
     *                        pool is closed again in that case
     */
    public static Store open(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("voxgate");
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the store at " + config, e);
        }
        try {
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            log.info("Store ready ({}), {} migration(s) applied", config,
                    result.migrationsExecuted);
            return new Store(pool);
        } catch (FlywayException | StoreException e) {
            pool.close();
            throw new StoreException("migrating the store at " + config + " failed", e);
        }
    }

    /** The pooled data source, for other repositories; owned by this store. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Whether a connection can be borrowed and is valid. Takes at most a few seconds when the
     * database is down and never throws, so health checks may call it directly.
     */
    public boolean isReady() {
        if (pool.isClosed()) {
            return false;
        }
        try (Connection c = pool.getConnection()) {
            return c.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (Exception e) {
            log.debug("Store not ready", e);
            return false;
        }
    }

    /** The call repository over this store's pool. */
    public CallRepository calls() {
        return calls;
    }

    /** The trunk repository over this store's pool. */
    public TrunkRepository trunks() {
        return trunks;
    }

    /** The numbers table over this store's pool. */
    public NumberRepository numbers() {
        return numbers;
    }

    /** The SIP user repository over this store's pool. */
    public SipUserRepository sipUsers() {
        return sipUsers;
    }

    /** The registration (location) repository over this store's pool. */
    public RegistrationRepository registrations() {
        return registrations;
    }

    /** Bots and their configuration versions over this store's pool. */
    public BotRepository bots() {
        return bots;
    }

    /** The bookings (appointment calendars) over this store's pool. */
    public BookingRepository bookings() {
        return bookings;
    }

    /** The admin API key repository over this store's pool. */
    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    /** Outbound campaigns over this store's pool. */
    public CampaignRepository campaigns() {
        return campaigns;
    }

    /** Campaigns' contacts over this store's pool. */
    public CampaignContactRepository campaignContacts() {
        return campaignContacts;
    }

    /** The campaigns' dialling queue over this store's pool. */
    public CallTaskRepository callTasks() {
        return callTasks;
    }

    /** The do-not-call list over this store's pool. */
    public DoNotCallRepository doNotCall() {
        return doNotCall;
    }

    /** Closes the pool; idempotent. */
    @Override
    public void close() {
        pool.close();
    }
}
