package org.voxgate.admin;

import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /api/calls} places a call (202 with its id; the record appears in
 * {@code /api/calls/{id}} at once and gets its outcome when the call ends);
 * {@code DELETE /api/calls/{id}} or {@code POST /api/calls/{id}/hangup} ends one in progress.
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

    void place(Context ctx) {
        CallInput in = bodies.read(ctx, CallInput.class);
        if (in.to() == null || in.to().isBlank()) {
            throw ApiError.badRequest("to", "to is required: the number or user to call");
        }
        boolean viaTrunk = in.trunk() != null && !in.trunk().isBlank();
        boolean toUser = in.sipUser() != null && !in.sipUser().isBlank();
        if (viaTrunk == toUser) {
            throw ApiError.badRequest(viaTrunk ? "sipUser" : "trunk", "give exactly one of trunk and sipUser");
        }
        try {
            String id = calls.place(new CallControl.PlaceCall(in.to().strip(), viaTrunk ? in.trunk().strip() : null,
                    toUser ? in.sipUser().strip() : null, in.bot() == null || in.bot().isBlank() ? null : in.bot().strip(),
                    in.variables() == null ? Map.of() : in.variables()));
            ctx.status(202).json(new Placed(id, "calling"));
        } catch (CallRefusedException e) {
            throw ApiError.of(e.status(), e.field(), e.getMessage());
        }
    }

    void hangup(Context ctx) {
        String id = ctx.pathParam("id");
        if (!calls.hangup(id)) {
            throw ApiError.notFound("no call " + id + " in progress");
        }
        ctx.status(202).json(new Placed(id, "ending"));
    }
}
