package org.voxgate.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Predicate;
import org.voxgate.store.CallEvent;
import org.voxgate.store.CallFilter;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRepository;
import org.voxgate.store.CallSearch;

/**
 * {@code GET /api/calls} (paged list, filtered by {@link CallFilters}) and {@code GET /api/calls/{id}} (one call with its turns,
 * its event log as {@code events}: {@code seq}, {@code at}, {@code kind}, {@code detail}, and,
 * once its media ended, a {@code media} object of its media figures: counters, jitter, RTT,
 * E-model R and MOS per direction; see {@link org.voxgate.store.CallMediaStats}), and its
 * outcome, cost, latency figures and review (see {@link CallAnalysisJson}), and the bot's
 * {@code toolCalls} in order (see {@link ToolCallsJson}).
 *
 * <p>Stateless and thread-safe; handlers run on request threads and block on the repository.
 */
final class CallsApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** The server's own JSON settings, to add {@code events} and {@code recording} beside the record's fields. */
    private static final ObjectMapper JSON = AdminServer.objectMapper();

    private final CallRepository calls;
    private final CallSearch search;
    private final CallFilters filters;
    private volatile Predicate<String> hasRecording;

    CallsApi(CallRepository calls, CallFilters filters) {
        this.calls = calls;
        this.search = calls.search();
        this.filters = filters;
    }

    /** A page of calls newest first, narrowed by the {@link CallFilters} query parameters. */
    void list(Context ctx) {
        CallFilter filter = filters.of(ctx);
        Paging paging = Paging.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        List<CallSummary> items = search.list(filter, paging.offset(), paging.limit()).stream()
                .map(CallSummary::of).toList();
        ctx.json(paging.page(items, search.count(filter)));
    }

    void detail(Context ctx) {
        String id = ctx.pathParam("id");
        CallRecord call = calls.find(id)
                .orElseThrow(() -> ApiError.notFound("no call with id " + id));
        List<CallEvent> events = calls.events(id);
        ObjectNode body = JSON.valueToTree(call);
        CallAnalysisJson.addTo(body, call, JSON);
        body.set("events", JSON.valueToTree(events));
        body.set("toolCalls", ToolCallsJson.of(calls.toolCalls(id), JSON));
        Predicate<String> recorded = hasRecording;
        if (recorded != null) {
            body.put("recording", recorded.test(id));
        }
        ctx.json(body);
    }

    /** Adds {@code "recording": true|false} to {@link #detail}, as {@code hasRecording} says. */
    void showRecordings(Predicate<String> hasRecording) {
        this.hasRecording = hasRecording;
    }
}
