package org.voxgate.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SequencedSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.voxgate.store.CallTask;
import org.voxgate.store.CallTaskRepository;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignContact;
import org.voxgate.store.CampaignContactRepository;
import org.voxgate.store.CampaignReports;
import org.voxgate.store.ContactImport;
import org.voxgate.store.ContactResults;
import org.voxgate.store.DoNotCallRepository;
import org.voxgate.store.PhoneNumbers;
import org.voxgate.store.SkippedLine;
import org.voxgate.store.Trunk;

/**
 * The contact and result routes of {@link CampaignsApi}:
 * <ul>
 *   <li>{@code POST /api/campaigns/{id}/contacts} (operator), body {@code text/csv} up to
 *       {@link AdminServer#MAX_UPLOAD_BYTES}: read by {@link ContactCsvImport} (numbers in the
 *       trunk's region), the good rows added with their first attempt due at the campaign
 *       clock's now; answers {@code {added, skipped, rejected}}; 409 once completed or stopped;</li>
 *   <li>{@code GET /api/campaigns/{id}/contacts?status=} (viewer): paged, in upload order;</li>
 *   <li>{@code GET /api/campaigns/{id}/contacts/{contactId}} (viewer): the contact and its attempts;</li>
 *   <li>{@code GET /api/campaigns/{id}/results} (viewer): {@link CampaignReports} figures;</li>
 *   <li>{@code GET /api/campaigns/{id}/results.csv} (viewer): one row per contact, streamed.</li>
 * </ul>
 *
 * <p>Thread-safe: handlers share only repositories, clocks and immutable helpers.
 */
final class CampaignContactsRoutes {

    static final String UPLOAD_PATH = "/api/campaigns/{id}/contacts";
    static final String[] RESULT_COLUMNS = {"phone", "name", "status", "outcome", "attempts", "lastCallId",
        "lastAttemptEndedAt"};
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    /** Up to this many listed numbers are read into memory for an upload (a few MB at most). */
    static final int DO_NOT_CALL_IN_MEMORY = 50_000;

    private final Function<Context, Campaign> campaign;
    private final Function<String, Optional<Campaign>> reread;
    private final CampaignContactRepository contacts;
    private final CallTaskRepository tasks;
    private final DoNotCallRepository doNotCall;
    private final CampaignReports reports;
    private final ContactResults results;
    private final Function<String, Optional<Trunk>> trunks;
    private final String defaultRegion;
    private final Clock clock;
    private final Clock campaignClock;
    private final ContactCsvImport csv = new ContactCsvImport(new PhoneNumbers());

    CampaignContactsRoutes(Function<Context, Campaign> campaign, Function<String, Optional<Campaign>> reread,
                           CampaignContactRepository contacts, CallTaskRepository tasks, DoNotCallRepository doNotCall, CampaignReports reports, ContactResults results,
                           Function<String, Optional<Trunk>> trunks, String defaultRegion, Clock clock,
                           Clock campaignClock) {
        this.campaign = campaign;
        this.reread = reread;
        this.tasks = tasks;
        this.contacts = contacts;
        this.doNotCall = doNotCall;
        this.reports = reports;
        this.results = results;
        this.trunks = trunks;
        this.defaultRegion = defaultRegion;
        this.clock = clock;
        this.campaignClock = campaignClock;
    }

    /** What an upload did. */
    record UploadResult(int added, List<SkippedLine> skipped, List<ContactCsvImport.Problem> rejected) {}

    /** A contact with its attempts. */
    record ContactDetail(CampaignContact contact, List<CallTask> attempts) {}

    /** The figures of one campaign, as of the campaign clock's {@code asOf}. */
    record Results(String id, String name, String state, Instant asOf, CampaignReports.Report figures) {}

    void addTo(Javalin app) {
        app.post(UPLOAD_PATH, this::upload, ApiRole.OPERATOR);
        app.get("/api/campaigns/{id}/contacts", this::list, ApiRole.VIEWER);
        app.get("/api/campaigns/{id}/contacts/{contactId}", this::detail, ApiRole.VIEWER);
        app.get("/api/campaigns/{id}/results", this::results, ApiRole.VIEWER);
        app.get("/api/campaigns/{id}/results.csv", this::export, ApiRole.VIEWER);
    }

    private void upload(Context ctx) {
        Campaign c = campaign.apply(ctx);
        if (Set.of(Campaign.COMPLETED, Campaign.STOPPED).contains(c.state())) {
            throw ApiError.conflict("state", "campaign " + c.name() + " is " + c.state() + "; it takes no contacts");
        }
        String region = trunks.apply(c.trunk()).map(Trunk::defaultRegion).orElse(defaultRegion);
        ContactCsvImport.Result read;
        try {
            read = csv.read(ctx.body(), region, doNotCallCheck());
        } catch (ContactCsvImport.UnreadableCsv e) {
            throw ApiError.badRequest(e.field(), e.getMessage());
        }
        ContactImport added = read.contacts().isEmpty() ? new ContactImport(0, List.of())
                : contacts.add(c.id(), read.contacts(), clock.instant(), campaignClock.instant());
        if (added.added() > 0) {
            cancelIfEnded(c.id());
        }
        ctx.json(new UploadResult(added.added(), added.skipped(), read.rejected()));
    }

    /**
     * A stop that landed between the state check and the insert cancelled the queued attempts
     * before these existed; cancel them too, as the stop would have (the same outcome).
     */
    private void cancelIfEnded(String id) {
        String state = reread.apply(id).map(Campaign::state).orElse(Campaign.STOPPED);
        if (Campaign.STOPPED.equals(state) || Campaign.COMPLETED.equals(state)) {
            tasks.cancelQueued(id, Campaign.STOPPED.equals(state) ? "STOPPED" : "EXPIRED", clock.instant());
        }
    }

    /**
     * How an upload asks about the do-not-call list: a short list is read once into memory, so
     * an upload of 100,000 rows costs one query rather than one per row; a long one is asked
     * row by row. A number listed while the upload runs is still caught when it is dialled.
     */
    private Predicate<String> doNotCallCheck() {
        long listed = doNotCall.count();
        if (listed > DO_NOT_CALL_IN_MEMORY) {
            return doNotCall::contains;
        }
        Set<String> numbers = new HashSet<>();
        doNotCall.list(0, (int) listed + 100).forEach(e -> numbers.add(e.phone()));
        return numbers::contains;
    }

    private void list(Context ctx) {
        Campaign c = campaign.apply(ctx);
        String status = CallFilters.text(ctx, "status");
        if (status != null && !CampaignContact.STATUSES.contains(status)) {
            throw ApiError.badRequest("status", "status must be pending or done");
        }
        Paging paging = Paging.of(ctx, DEFAULT_PAGE, MAX_PAGE);
        ctx.json(paging.page(contacts.list(c.id(), status, paging.offset(), paging.limit()),
                contacts.count(c.id(), status)));
    }

    private void detail(Context ctx) {
        Campaign c = campaign.apply(ctx);
        String raw = ctx.pathParam("contactId");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("contactId", "contactId must be a number");
        }
        CampaignContact contact = contacts.find(c.id(), id)
                .orElseThrow(() -> ApiError.notFound("campaign " + c.name() + " has no contact " + raw));
        ctx.json(new ContactDetail(contact, contacts.attempts(contact.id())));
    }

    private void results(Context ctx) {
        Campaign c = campaign.apply(ctx);
        Instant now = campaignClock.instant();
        ctx.json(new Results(c.id(), c.name(), c.state(), now, reports.report(c.id(), now)));
    }

    private void export(Context ctx) throws IOException {
        Campaign c = campaign.apply(ctx);
        SequencedSet<String> variables = results.variableNames(c.id());
        List<String> header = new ArrayList<>(List.of(RESULT_COLUMNS));
        for (String v : variables) {
            // A variable named like a fixed column keeps both readable.
            header.add(header.contains(v) ? "var_" + v : v);
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + c.name().replaceAll("[^A-Za-z0-9._-]", "_")
                + "-results.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).get());
        results.forEach(c.id(), row -> {
            List<Object> cells = new ArrayList<>(List.of(row.phone(), nullToEmpty(row.name()), row.status(),
                    nullToEmpty(row.outcome()), row.attempts(), nullToEmpty(row.lastCallId()),
                    row.lastEndedAt() == null ? "" : row.lastEndedAt().toString()));
            for (String v : variables) {
                cells.add(row.variables().getOrDefault(v, ""));
            }
            try {
                printer.printRecord(cells);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the results export failed", e);
            }
        });
        printer.flush();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
