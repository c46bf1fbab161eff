package org.voxgate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Campaigns, settings and contacts for the campaign store tests. */
final class CampaignFixtures {

    static final Instant CREATED = Instant.parse("2026-11-20T12:00:00.123456Z");

    private CampaignFixtures() {
    }

    /** Settings using every field, so a round trip through JSON proves each one. */
    static CampaignSettings fullSettings() {
        return new CampaignSettings(
                List.of(new CallingWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                        LocalTime.of(17, 30)), new CallingWindow(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(10, 0),
                        LocalTime.of(12, 0))),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 24), 5, 40,
                Map.of("BUSY", new RetryRule(Duration.ofMinutes(10), 3),
                        "NO_ANSWER", new RetryRule(Duration.ofHours(2), 2)),
                new VoicemailPolicy(VoicemailPolicy.Action.LEAVE_MESSAGE, "Please call us back."),
                new AmdSettings(true, AmdSettings.Classifier.STT));
    }

    static CampaignSettings plainSettings() {
        return new CampaignSettings(List.of(), null, null, 1, 10, Map.of(), null, null);
    }

    static Campaign campaign(String name) {
        return new Campaign(null, name, "sales-bot", "carrier", "+14155550100", "America/New_York", fullSettings(),
                null, CREATED, null, null, null);
    }

    static NewContact contact(int line, String phone) {
        return new NewContact(line, phone, "Person " + line, null, Map.of("line", Integer.toString(line)));
    }

    /** {@code n} contacts +1415555NNNN from line 2 on. */
    static List<NewContact> contacts(int n) {
        List<NewContact> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(contact(i + 2, String.format("+1415%07d", i)));
        }
        return all;
    }

    /** Removes every campaign row, so each test starts from empty tables. */
    static void clear(Store store) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM call_tasks");
            s.executeUpdate("DELETE FROM campaign_contacts");
            s.executeUpdate("DELETE FROM campaigns");
            s.executeUpdate("DELETE FROM do_not_call");
        }
    }
}
