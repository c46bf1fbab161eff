package org.voxgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One version of a bot's configuration as the API shows it.
 *
 * <p>Immutable by contract: the {@code config} tree is a fresh copy that nobody modifies.
 *
 * @param name      the bot's name
 * @param version   the version number (1, 2, ...)
 * @param createdAt when this version was saved
 * @param createdBy who saved it, {@code null} when unknown
 * @param comment   why it was saved, {@code null} for none
 * @param config    the skillbase document
 */
public record BotView(String name, int version, Instant createdAt, String createdBy, String comment,
        JsonNode config) {}
