package org.voxgate.admin;

import java.time.Instant;

/**
 * A stored bot in the list: enough to tell them apart without their whole configuration.
 *
 * <p>Immutable.
 *
 * @param name      the routing name
 * @param version   the current version
 * @param mode      cascade, realtime or bridge (from the current version)
 * @param updatedAt when the current version was made current
 */
public record BotSummary(String name, int version, String mode, Instant updatedAt) {}
