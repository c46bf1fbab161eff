package org.voxgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CampaignMessagesTest {
    @Test
    void placeholdersTakeTheContactsValuesAndUnknownOnesVanish() {
        assertEquals("Hello Ann, your gold plan renews soon. Call us back.", CampaignMessages.fill(
                "Hello {{name}}, your {{ plan }} plan renews soon. {{missing}} Call us back.",
                CampaignFixtures.contact(null)));
    }
}
