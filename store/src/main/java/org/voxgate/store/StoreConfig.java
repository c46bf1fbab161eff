package org.voxgate.store;

/**
 * Connection settings of the store, validated once on construction.
 *
 * <p>Recommended URLs:
 * <ul>
 *   <li>Embedded (default): {@code jdbc:h2:file:./data/voxgate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}
 *       &mdash; the three settings make H2 parse, name and sort like PostgreSQL so the same
 *       migrations and queries serve both.</li>
 *   <li>Production: {@code jdbc:postgresql://host:5432/voxgate} (PostgreSQL 15 or newer, which
 *       is the first version with SQL {@code MERGE}); add {@code ?currentSchema=name} to use a
 *       schema other than {@code public}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never reveals the password.
 *
 * @param jdbcUrl     {@code store.url}: a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user        {@code store.user}: database user, may be {@code null} (driver default)
 * @param password    {@code store.password}: may be {@code null}
 * @param maxPoolSize {@code store.maxPoolSize}: connections in the pool, at least 1
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxPoolSize) {

    public StoreConfig {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("store.url must not be blank");
        }
        jdbcUrl = jdbcUrl.strip();
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            // Do not echo the URL: it may carry a password parameter.
            throw new IllegalArgumentException(
                    "store.url must start with jdbc:h2: or jdbc:postgresql:");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException(
                    "store.maxPoolSize must be at least 1 (was " + maxPoolSize + ")");
        }
    }

    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + redactedUrl() + ", user=" + user
                + ", password=" + (password == null ? "null" : "***")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }

    /** The URL without its parameters, which may include credentials. */
    private String redactedUrl() {
        int cut = jdbcUrl.indexOf('?');
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut) + "?***";
    }
}
