package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a skillbase bot hands its callers over ({@code handoff.target}, {@code handoff.mode}).
 * Applied to every transfer the bot asks for on a call, through {@link HandoffCallContext}.
 *
 * <p>Immutable.
 *
 * @param target a SIP URI, a registered SIP user or a phone number; {@code null} for the
 *     node's {@code bots.operator}
 * @param warm {@code true} for {@code mode: warm}: every transfer of the bot consults the
 *     target first
 */
record Handoff(String target, boolean warm) {
    /** The node's operator, blind: what a bot without a {@code handoff} section gets. */
    static final Handoff OPERATOR = new Handoff(null, false);

    Handoff {
        target = target == null || target.isBlank() ? null : target.strip();
    }

    static Handoff of(JsonNode doc) {
        JsonNode h = doc.path("handoff");
        return new Handoff(SkillbaseNodes.text(h, "target", null), SkillbaseNodes.text(h, "mode", "blind").equals("warm"));
    }
}
