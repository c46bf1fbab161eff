package org.voxgate.admin;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.voxgate.store.CallFilter;
import org.voxgate.store.CallSearch;

/**
 * {@code GET /api/calls/export.csv}: every call matching the {@link CallFilters} parameters as
 * RFC 4180 CSV (a header row, then one row per call, newest first), streamed from the store
 * batch by batch so that an export of any size holds one batch in memory. Columns are those of
 * {@link CallSummary}; instants are ISO-8601 UTC, empty cells are unknown values.
 *
 * <p>The filters are checked before the first byte is written, so bad parameters still get a
 * JSON 400; a store failure in the middle of an export can only cut the download short.
 *
 * <p>Stateless and thread-safe.
 */
final class CallsExport {

    static final String[] HEADER = {"callId", "direction", "from", "to", "bot", "invitedAt", "answeredAt",
        "endedAt", "endReason", "codec", "outcome", "trunk", "sipStatus", "callOutcome", "costTotal"};

    private final CallSearch search;
    private final CallFilters filters;

    CallsExport(CallSearch search, CallFilters filters) {
        this.search = search;
        this.filters = filters;
    }

    void export(Context ctx) throws IOException {
        CallFilter filter = filters.of(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"calls.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        search.forEach(filter, call -> {
            try {
                csv.printRecord(row(CallSummary.of(call)));
            } catch (IOException e) {
                throw new UncheckedIOException("writing the CSV export failed", e);
            }
        });
        csv.flush();
    }

    private static Object[] row(CallSummary c) {
        return new Object[] {c.callId(), c.direction(), c.from(), c.to(), c.bot(), text(c.invitedAt()),
            text(c.answeredAt()), text(c.endedAt()), c.endReason(), c.codec(), c.outcome(), c.trunk(), c.sipStatus(),
            c.callOutcome(), c.costTotal() == null ? null : c.costTotal().toPlainString()};
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
