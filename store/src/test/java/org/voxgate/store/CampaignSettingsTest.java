package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The campaign records' validation and the settings' JSON document. */
class CampaignSettingsTest {

    @Test
    void settingsSurviveTheJsonDocument() {
        CampaignSettings full = CampaignFixtures.fullSettings();
        assertThat(CampaignSettingsJson.read(CampaignSettingsJson.write(full))).isEqualTo(full);
        CampaignSettings plain = CampaignFixtures.plainSettings();
        assertThat(CampaignSettingsJson.read(CampaignSettingsJson.write(plain))).isEqualTo(plain);
    }

    @Test
    void theDocumentHasSecondsIsoTextAndNames() {
        String json = CampaignSettingsJson.write(CampaignFixtures.fullSettings());
        assertThat(json).contains("\"delaySeconds\":600", "\"start\":\"09:00\"", "\"end\":\"17:30\"",
                "\"startDate\":\"2026-12-01\"", "\"days\":[\"MONDAY\",\"TUESDAY\"", "\"classifier\":\"STT\"",
                "\"action\":\"LEAVE_MESSAGE\"");
        assertThatThrownBy(() -> CampaignSettingsJson.read("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CampaignSettingsJson.read("{\"callsPerSecond\":0,\"maxConcurrent\":1}"))
                .hasMessageContaining("pacing.callsPerSecond");
    }

    @Test
    void nullsBecomeTheDefaults() {
        CampaignSettings s = new CampaignSettings(null, null, null, 1, 1, null, null, null);
        assertThat(s.windows()).isEmpty();
        assertThat(s.retries()).isEmpty();
        assertThat(s.voicemail().action()).isEqualTo(VoicemailPolicy.Action.HANG_UP);
        assertThat(s.amd()).isEqualTo(new AmdSettings(false, AmdSettings.Classifier.NONE));
    }

    @Test
    void invalidValuesNameTheirField() {
        Map<String, RetryRule> none = Map.of();
        assertThatThrownBy(() -> new CampaignSettings(List.of(), null, null, 1001, 1, none, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pacing.callsPerSecond must be 1..1000");
        assertThatThrownBy(() -> new CampaignSettings(List.of(), null, null, 1, 0, none, null, null))
                .hasMessageContaining("pacing.maxConcurrent");
        assertThatThrownBy(() -> new CampaignSettings(List.of(), LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 1),
                1, 1, none, null, null)).hasMessageContaining("endDate");
        assertThatThrownBy(() -> new CampaignSettings(List.of(), null, null, 1, 1,
                Map.of("COMPLETED", new RetryRule(Duration.ZERO, 2)), null, null)).hasMessageContaining("retries.COMPLETED");
        assertThatThrownBy(() -> new RetryRule(Duration.ofSeconds(-1), 2)).hasMessageContaining("retry.delay");
        assertThatThrownBy(() -> new RetryRule(Duration.ZERO, 21)).hasMessageContaining("retry.maxAttempts");
        assertThatThrownBy(() -> new CallingWindow(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT.minusNanos(1)))
                .hasMessageContaining("window.days");
        assertThatThrownBy(() -> new CallingWindow(Set.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.NOON))
                .hasMessageContaining("window.start");
        assertThatThrownBy(() -> new VoicemailPolicy(VoicemailPolicy.Action.LEAVE_MESSAGE, " "))
                .hasMessageContaining("voicemail.message");
        Instant t = CampaignFixtures.CREATED;
        CampaignSettings s = CampaignFixtures.plainSettings();
        assertThatThrownBy(() -> new Campaign(null, "x", "bot", "trunk", null, "Mars/Olympus", s, null, t, null,
                null, null)).hasMessageContaining("timeZone");
        assertThatThrownBy(() -> new Campaign(null, " ", "bot", "trunk", null, "UTC", s, null, t, null, null, null))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new Campaign(null, "x", "bot", "trunk", null, "UTC", s, "done", t, null, null, null))
                .hasMessageContaining("state");
        assertThatThrownBy(() -> new NewContact(2, "4155550100", null, null, null)).hasMessageContaining("phone");
        assertThatThrownBy(() -> new NewContact(2, "+14155550100", null, "Nowhere/Else", null))
                .hasMessageContaining("timeZone");
    }
}
