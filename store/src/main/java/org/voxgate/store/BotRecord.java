package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A bot that is not deleted, with its current version's configuration.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name           the routing name
 * @param currentVersion the version new calls run
 * @param createdAt      when the bot was first created
 * @param updatedAt      when its current version was made current
 * @param config         the current version's JSON document
 */
public record BotRecord(String name, int currentVersion, Instant createdAt, Instant updatedAt, String config) {

    public BotRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
    }
}
