package org.voxgate.admin;

import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /api/calls} places a call (202 with its id; the record appears in
 * {@code /api/calls/{id}} at once and gets its outcome when the call ends);
 * {@code DELETE /api/calls/{id}} or {@code POST /api/calls/{id}/hangup} ends one in progress;
 * {@code POST /api/calls/{id}/transfer} hands a bot's caller to a person ({@link CallControl#transfer}).
 *
 * <p>Stateless and thread-safe.
 */
final class OutboundCallsApi {
    private final CallControl calls;
    private final JsonBodies bodies;

    OutboundCallsApi(CallControl calls, JsonBodies bodies) {
        this.calls = calls;
        this.bodies = bodies;
    }

    /** The posted call. */
    record CallInput(String to, String trunk, String sipUser, String bot, Map<String, String> variables) {}

    /** The answer to a placed call. */
    record Placed(String callId, String status) {}

    /**
     * Exactly one target: {@code trunk} with the number {@code to}, or {@code sipUser} alone (a
     * {@code to} beside it would be silently ignored, so it is refused).
     */
    void place(Context ctx) {
        CallInput in = bodies.read(ctx, CallInput.class);
        boolean viaTrunk = present(in.trunk());
        boolean toUser = present(in.sipUser());
        boolean hasTo = present(in.to());
        if (viaTrunk && toUser) {
            throw ApiError.badRequest("sipUser", "give either trunk and to, or sipUser, not both");
        }
        if (!viaTrunk && !toUser) {
            throw ApiError.badRequest("trunk", "give either trunk and to (the number to call), or sipUser");
        }
        if (viaTrunk && !hasTo) {
            throw ApiError.badRequest("to", "to is required with trunk: the number to call");
        }
        if (toUser && hasTo) {
            throw ApiError.badRequest("to", "to is not used with sipUser: the user's registered contacts are called");
        }
        try {
            String id = calls.place(new CallControl.PlaceCall(viaTrunk ? in.to().strip() : null,
                    viaTrunk ? in.trunk().strip() : null,
                    toUser ? in.sipUser().strip() : null, in.bot() == null || in.bot().isBlank() ? null : in.bot().strip(),
                    in.variables() == null ? Map.of() : in.variables()));
            ctx.status(202).json(new Placed(id, "calling"));
        } catch (CallRefusedException e) {
            throw ApiError.of(e.status(), e.field(), e.getMessage());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A transfer as posted: {@code target} (absent = the node's operator) and {@code mode} blind|warm. */
    record TransferInput(String target, String mode) {}

    /** 202 once the transfer is under way; 404 for no call with a bot, 409 when it failed at once. */
    void transfer(Context ctx) {
        String id = ctx.pathParam("id");
        TransferInput in = ctx.body().isBlank() ? new TransferInput(null, null) : bodies.read(ctx, TransferInput.class);
        String target = in.target() == null ? null : in.target().strip();
        if (target != null && (target.isEmpty() || target.length() > 2048 || target.chars().anyMatch(Character::isWhitespace)
                && !target.matches("\\+?[0-9 ()-]+"))) {
            throw ApiError.badRequest("target", "target must be a SIP URI, a SIP user name or a phone number");
        }
        String mode = in.mode() == null ? "blind" : in.mode().strip();
        if (!mode.equals("blind") && !mode.equals("warm")) {
            throw ApiError.badRequest("mode", "mode must be blind or warm");
        }
        try {
            calls.transfer(id, target, mode.equals("warm"));
        } catch (CallRefusedException e) {
            throw ApiError.of(e.status(), e.field(), e.getMessage());
        }
        ctx.status(202).json(new Placed(id, "transferring"));
    }

    void hangup(Context ctx) {
        String id = ctx.pathParam("id");
        if (!calls.hangup(id)) {
            throw ApiError.notFound("no call " + id + " in progress");
        }
        ctx.status(202).json(new Placed(id, "ending"));
    }
}
