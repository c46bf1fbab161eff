package org.voxgate.admin;

import io.javalin.http.Context;
import java.util.List;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRepository;

/**
 * {@code GET /api/calls} (paged list) and {@code GET /api/calls/{id}} (one call with turns).
 *
 * <p>Stateless and thread-safe; handlers run on request threads and block on the repository.
 */
final class CallsApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final CallRepository calls;

    CallsApi(CallRepository calls) {
        this.calls = calls;
    }

    /** The page of calls in a JSON envelope: items, offset, limit, total. */
    record Page(List<CallSummary> items, int offset, int limit, long total) {
    }

    void list(Context ctx) {
        int offset = QueryParams.intParam(ctx, "offset", 0);
        if (offset < 0) {
            throw ApiError.badRequest("offset", "offset must not be negative");
        }
        int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiError.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        List<CallSummary> items = calls.list(offset, limit).stream().map(CallSummary::of).toList();
        ctx.json(new Page(items, offset, limit, calls.count()));
    }

    void detail(Context ctx) {
        String id = ctx.pathParam("id");
        CallRecord call = calls.find(id)
                .orElseThrow(() -> ApiError.notFound("no call with id " + id));
        ctx.json(call);
    }
}
