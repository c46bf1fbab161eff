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

    void list(Context ctx) {
        Paging paging = Paging.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        List<CallSummary> items = calls.list(paging.offset(), paging.limit()).stream().map(CallSummary::of).toList();
        ctx.json(paging.page(items, calls.count()));
    }

    void detail(Context ctx) {
        String id = ctx.pathParam("id");
        CallRecord call = calls.find(id)
                .orElseThrow(() -> ApiError.notFound("no call with id " + id));
        ctx.json(call);
    }
}
