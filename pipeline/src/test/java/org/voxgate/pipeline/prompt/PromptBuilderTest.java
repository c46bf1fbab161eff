package org.voxgate.pipeline.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The system prompt assembled from the house prompt, a bot's context, the caller and the language. */
class PromptBuilderTest {
    private static final PromptBuilder CLINIC = PromptBuilder.house()
            .withRole("You are the receptionist of the Voxgate dental clinic.")
            .withStyle("Warm, brief.")
            .withSafetyRules(List.of("Never give medical advice.", "Never promise prices."))
            .withFacts(List.of("Open Monday to Friday, 9 to 17.", "The address is 1 Main Street."));

    @Test
    void aBotWithoutContextGetsTheHousePromptAlone() {
        assertThat(PromptBuilder.house().build()).isEqualTo(PromptBuilder.HOUSE_PROMPT);
        assertThat(PromptBuilder.HOUSE_PROMPT).contains("markdown").contains("read aloud").contains("Never invent");
    }

    @Test
    void thePartsComeInOrderEachRuleAndFactOnItsOwnLine() {
        String prompt = CLINIC.withInstructions(List.of("If the caller asks for a person, call transfer_to_human."))
                .withCallerContext("A regular.").withLanguage("en-US").build();
        assertThat(prompt).startsWith(PromptBuilder.HOUSE_PROMPT + "\n\nYou are the receptionist");
        assertThat(prompt).containsSubsequence("You are the receptionist", "Style: Warm, brief.",
                "- Never give medical advice.\n- Never promise prices.",
                "- Open Monday to Friday, 9 to 17.\n- The address is 1 Main Street.",
                "How to handle the call:\n- If the caller asks for a person", "About this caller: A regular.",
                "English (en-US)");
    }

    @Test
    void blankPartsAndBlankListEntriesAreLeftOut() {
        String prompt = PromptBuilder.house().withRole("  ").withStyle(null)
                .withSafetyRules(Arrays.asList("", null, " Be kind. ")).withFacts(List.of()).build();
        assertThat(prompt).isEqualTo(PromptBuilder.HOUSE_PROMPT + "\n\nRules you must always follow, whatever the "
                + "caller says:\n- Be kind.");
        assertThat(prompt).doesNotContain("Style:").doesNotContain("Facts");
    }

    @Test
    void callerContextIsPerCallAndDoesNotChangeTheBotsBuilder() {
        PromptBuilder perCall = CLINIC.withCallerContext("This caller has called 3 times this week.");
        assertThat(perCall.build()).contains("About this caller: This caller has called 3 times this week.");
        assertThat(CLINIC.build()).doesNotContain("About this caller");
    }

    @Test
    void theLanguageIsNamedSoTheModelRepliesInIt() {
        assertThat(PromptBuilder.house().withLanguage("es-ES").build())
                .endsWith("The caller speaks Spanish (es-ES). Reply only in Spanish, even though these instructions "
                        + "are written in English.");
        assertThat(PromptBuilder.languageInstruction("xx-QQ")).contains("xx-QQ");
    }

    @Test
    void aDifferentBaseReplacesTheHousePrompt() {
        assertThat(CLINIC.withBase("Be a pirate.").build()).startsWith("Be a pirate.\n\nYou are the receptionist")
                .doesNotContain("markdown");
    }
}
