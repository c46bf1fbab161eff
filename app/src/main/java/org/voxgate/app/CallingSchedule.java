package org.voxgate.app;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.voxgate.store.CallTaskRepository;
import org.voxgate.store.CallingWindow;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignContact;

/**
 * When a campaign may call a contact: inside one of the campaign's calling windows (days and
 * hours) in the contact's own time zone, or the campaign's when the contact has none, and not
 * before the campaign's start date. The end date is the dialer's business (the campaign ends
 * then), not a window's.
 *
 * <p>Times are on the campaign clock. Windows are wall-clock times: on the day clocks go
 * forward a window opening inside the gap opens at the first valid instant after it, and on
 * the day they go back the window follows the wall clock (one hour longer or shorter).
 *
 * <p>Immutable and thread-safe; the store calls it inside its claim transaction.
 */
final class CallingSchedule implements CallTaskRepository.WindowGate {
    /** Every calling window opens at least once a week, so a week ahead always finds one. */
    private static final int DAYS_AHEAD = 8;

    private final Campaign campaign;
    private final ZoneId campaignZone;

    CallingSchedule(Campaign campaign) {
        this.campaign = campaign;
        this.campaignZone = ZoneId.of(campaign.timeZone());
    }

    @Override
    public Optional<Instant> notBefore(CampaignContact contact, Instant now) {
        Instant opening = nextOpening(zoneOf(contact), now);
        return opening.equals(now) ? Optional.empty() : Optional.of(opening);
    }

    /** The first instant at or after {@code earliest} at which the contact may be called. */
    Instant nextCallable(CampaignContact contact, Instant earliest) {
        return nextOpening(zoneOf(contact), earliest);
    }

    /** The first instant at or after {@code campaign.endDate}'s end in the campaign's zone, or null without an end date. */
    Instant endsAt() {
        LocalDate end = campaign.settings().endDate();
        return end == null ? null : end.plusDays(1).atStartOfDay(campaignZone).toInstant();
    }

    private ZoneId zoneOf(CampaignContact contact) {
        if (contact.timeZone() != null && !contact.timeZone().isBlank()) {
            try {
                return ZoneId.of(contact.timeZone());
            } catch (java.time.DateTimeException e) {
                return campaignZone; // validated at import; a zone the JDK has since dropped falls back
            }
        }
        return campaignZone;
    }

    /** The first instant at or after {@code now} inside a window in {@code zone}, and not before the start date. */
    Instant nextOpening(ZoneId zone, Instant now) {
        ZonedDateTime t = now.atZone(zone);
        LocalDate start = campaign.settings().startDate();
        if (start != null) {
            ZonedDateTime startsAt = start.atStartOfDay(campaignZone).withZoneSameInstant(zone);
            if (t.isBefore(startsAt)) {
                t = startsAt;
            }
        }
        var windows = campaign.settings().windows();
        if (windows.isEmpty()) {
            return t.toInstant();
        }
        Instant best = null;
        for (int d = 0; d < DAYS_AHEAD && best == null; d++) {
            LocalDate date = t.toLocalDate().plusDays(d);
            DayOfWeek day = date.getDayOfWeek();
            for (CallingWindow w : windows) {
                if (!w.days().contains(day)) {
                    continue;
                }
                ZonedDateTime open = ZonedDateTime.of(date, w.start(), zone);
                ZonedDateTime close = ZonedDateTime.of(date, w.end(), zone);
                if (t.isBefore(close)) {
                    Instant candidate = (t.isAfter(open) ? t : open).toInstant();
                    if (best == null || candidate.isBefore(best)) {
                        best = candidate;
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("campaign " + campaign.name() + " has no calling window in a week");
        }
        return best;
    }
}
