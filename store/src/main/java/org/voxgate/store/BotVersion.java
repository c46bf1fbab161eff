package org.voxgate.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a bot's configuration (a skillbase): the JSON document as text, exactly
 * as it was saved. Versions are numbered from 1 per bot and never change once written.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bot       the bot's name
 * @param version   1, 2, ... in the order the versions were saved
 * @param config    the skillbase JSON document
 * @param createdAt when the version was saved (set by the database)
 * @param createdBy who saved it (an API key's name, for example), {@code null} when unknown
 * @param comment   why it was saved (for example "restored from version 2"), {@code null} for none
 */
public record BotVersion(String bot, int version, String config, Instant createdAt, String createdBy,
        String comment) {

    public BotVersion {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(config, "config");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1 (was " + version + ")");
        }
    }
}
