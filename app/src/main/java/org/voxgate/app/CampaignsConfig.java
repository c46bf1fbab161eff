package org.voxgate.app;

import java.time.Duration;
import java.time.Instant;

/**
 * The campaign dialer's settings (the {@code campaigns} section).
 *
 * @param enabled whether this node dials campaigns at all (a node may only answer)
 * @param nodeId this node's name on the call tasks it holds; unique per node sharing a store,
 *     and the same across restarts so a restarted node ends what it left dialling at once
 * @param reservedInboundCalls call slots of {@code sip.max-calls} campaigns never take, so
 *     callers still get through while a campaign runs
 * @param lease how long a claimed task stays held without its node renewing it; after that
 *     another node ends it as {@code FAILED (node_lost)}
 * @param poll how often an idle or paced-out campaign is looked at again
 * @param clockSpeed how many campaign seconds pass per real second (1 in production; more to
 *     rehearse a week of calling windows and retry delays in minutes)
 * @param clockStart the campaign clock's reading at {@code clockAnchor}, or null for real time
 * @param clockAnchor the real instant at which the campaign clock reads {@code clockStart};
 *     null: the node's start. Nodes sharing a campaign must share the anchor.
 * @param amdClassifiers the providers of the AMD transcript classifier ({@code campaigns.amd})
 */
record CampaignsConfig(boolean enabled, String nodeId, int reservedInboundCalls, Duration lease, Duration poll,
        double clockSpeed, Instant clockStart, Instant clockAnchor, AmdClassifiers.Settings amdClassifiers) {

    CampaignsConfig {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 128) {
            throw new ConfigException("campaigns.node-id must be 1..128 characters (VOXGATE_CAMPAIGNS_NODE_ID)");
        }
        if (reservedInboundCalls < 0) {
            throw new ConfigException("campaigns.reserved-inbound-calls must not be negative");
        }
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new ConfigException("campaigns.lease-seconds must be at least 3");
        }
        if (!(clockSpeed > 0) || clockSpeed > 100_000) {
            throw new ConfigException("campaigns.clock.speed must be above 0 and at most 100000, got " + clockSpeed);
        }
    }

    /** Reads the {@code campaigns} section; {@code defaultNodeId} is used when node-id is empty. */
    static CampaignsConfig from(ConfigTree tree, String defaultNodeId) {
        String speed = tree.string("campaigns.clock.speed");
        double clockSpeed;
        try {
            clockSpeed = Double.parseDouble(speed);
        } catch (NumberFormatException e) {
            throw new ConfigException("campaigns.clock.speed must be a number, got '" + speed
                    + "' (VOXGATE_CAMPAIGNS_CLOCK_SPEED)");
        }
        String nodeId = tree.string("campaigns.node-id");
        return new CampaignsConfig(tree.bool("campaigns.enabled"), nodeId.isEmpty() ? defaultNodeId : nodeId,
                tree.integer("campaigns.reserved-inbound-calls", 0, 100_000),
                Duration.ofSeconds(tree.integer("campaigns.lease-seconds", 3, 3600)),
                Duration.ofMillis(tree.integer("campaigns.poll-ms", 10, 60_000)),
                clockSpeed, instant(tree, "campaigns.clock.start"), instant(tree, "campaigns.clock.anchor"),
                AmdClassifiers.Settings.from(tree));
    }

    private static Instant instant(ConfigTree tree, String key) {
        String text = tree.string(key);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(key + " must be an ISO-8601 instant such as 2026-11-23T08:59:00Z, got '" + text
                    + "' (" + ConfigTree.envName(key) + ")");
        }
    }
}
