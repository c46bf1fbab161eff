package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.pipeline.prompt.PromptBuilder;
import org.voxgate.pipeline.turn.TurnTakingSettings;

/** A skillbase document read into the neutral AgentSpec, part by part, and its equality with bots.agents YAML. */
class SkillbaseSpecsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    static JsonNode doc(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static final String DESK = """
            name: Desk
            language: en-GB
            mode: cascade
            greeting: Hello, how can I help?
            greetingUninterruptible: true
            context:
              role: You are the receptionist of the Voxgate dental clinic.
              style: Warm, brief.
              safetyRules: [Never give medical advice.]
              facts: [The address is 1 Main Street.]
            handoff:
              target: sip:desk@pbx.example
              mode: warm
              keywords: [human, agent]
              afterMisunderstandings: 2
              onNegativeSentiment: true
              onExplicitRequest: true
              message: Let me put you through to a colleague.
            tools:
              - {type: hang_up}
              - {type: send_dtmf}
              - {type: webhook, name: lookup_order, url: "https://example.com/hook"}
            voice:
              stt:
                - {vendor: deepgram, model: nova-3}
                - {vendor: deepgram, model: nova-2, language: en-US}
              tts:
                - {vendor: elevenlabs, voice: abc123, speed: 1.1}
                - {vendor: deepgram, voice: aura-2-thalia-en, speed: 0.9}
                - {vendor: local}
            llm:
              - {vendor: openai, model: gpt-4o-mini, temperature: 0.4, maxTokens: 300}
              - {vendor: anthropic, model: claude-haiku-4-5}
            turnTaking: {vadMode: 3, speechOnsetMs: 80, minSilenceMs: 250, maxSilenceMs: 900,
                         bargeInMinSpeechMs: 150, bargeInMinWords: 2, bargeInNeedsBoth: false,
                         backchannels: [uh-huh, okay], deadAirMs: 2500, noInputMs: 8000}
            guardrails: {bannedPhrases: [guarantee, lawsuit], maxReplyChars: 600}
            maxCallSeconds: 120
            recording: {enabled: true}
            """;

    @Test
    void providersKeepTheirFailoverOrderWithLanguageAndSpeedInEachVendorsOption() {
        AgentSpec.Cascade spec = (AgentSpec.Cascade) SkillbaseSpecs.of(doc(DESK));
        assertThat(spec.name()).isEqualTo("desk");
        assertThat(spec.stt()).containsExactly(
                new ProviderChoice("deepgram", "nova-3", Map.of("language", "en"), List.of()),
                new ProviderChoice("deepgram", "nova-2", Map.of("language", "en-US"), List.of()));
        assertThat(spec.tts()).containsExactly(
                new ProviderChoice("elevenlabs", "", Map.of("voice", "abc123", "speed", "1.1"), List.of()),
                new ProviderChoice("deepgram", "aura-2-thalia-en", Map.of("speed", "0.9"), List.of()),
                new ProviderChoice("local", "", Map.of(), List.of()));
        assertThat(spec.llm()).containsExactly(new ProviderChoice("openai", "gpt-4o-mini", Map.of(), List.of()),
                new ProviderChoice("anthropic", "claude-haiku-4-5", Map.of(), List.of()));
    }

    @Test
    void greetingModelLimitsAndTurnTakingAreTheDocuments() {
        AgentSpec.Cascade spec = (AgentSpec.Cascade) SkillbaseSpecs.of(doc(DESK));
        assertThat(spec.settings().greeting()).isEqualTo("Hello, how can I help?");
        assertThat(spec.settings().greetingUninterruptible()).isTrue();
        assertThat(spec.settings().temperature()).isEqualTo(0.4);
        assertThat(spec.settings().maxTokens()).isEqualTo(300);
        assertThat(spec.settings().turnTaking()).isEqualTo(new TurnTakingSettings(3, 80, 250, 900, 150, 2, false,
                Set.of("uh-huh", "okay"), 2500));
    }

    @Test
    void thePromptCarriesContextHandoffGuardrailsAndLanguage() {
        String prompt = ((AgentSpec.Cascade) SkillbaseSpecs.of(doc(DESK))).settings().systemPrompt();
        assertThat(prompt).startsWith(PromptBuilder.HOUSE_PROMPT)
                .contains("You are the receptionist of the Voxgate dental clinic.")
                .contains("Style: Warm, brief.")
                .contains("- Never give medical advice.")
                .contains("- Never say any of these words or phrases: guarantee, lawsuit.")
                .contains("- Keep every reply under 600 characters.")
                .contains("- The address is 1 Main Street.")
                .contains("If the caller asks to speak to a person")
                .contains("If the caller says \"human\" or \"agent\"")
                .contains("2 times in a row")
                .contains("upset or angry")
                .contains("Before handing over, say: \"Let me put you through to a colleague.\"")
                .contains("hang_up tool")
                .contains("English (en-GB)");
    }

    @Test
    void toolsAreTheListedBuiltInsTransferForTheHandoffAndCustomToolsAsDocuments() {
        ToolChoice tools = ((AgentSpec.Cascade) SkillbaseSpecs.of(doc(DESK))).tools();
        assertThat(tools.builtIns()).containsExactlyInAnyOrder("hang_up", "send_dtmf", "transfer_to_human");
        assertThat(tools.custom()).singleElement().satisfies(t -> assertThat(t.path("name").asText())
                .isEqualTo("lookup_order"));
        ToolChoice none = ((AgentSpec.Cascade) SkillbaseSpecs.of(doc("""
                name: quiet
                mode: cascade
                voice: {stt: {vendor: deepgram}, tts: {vendor: deepgram}}
                llm: {vendor: openai}
                """))).tools();
        assertThat(none.builtIns()).isEmpty();
        assertThat(none.custom()).isEmpty();
    }

    @Test
    void handoffAndCallRulesComeFromTheirSections() {
        assertThat(Handoff.of(doc(DESK))).isEqualTo(new Handoff("sip:desk@pbx.example", true));
        assertThat(Handoff.of(doc("name: a\nmode: bridge\n"))).isEqualTo(Handoff.OPERATOR);
        assertThat(CallRules.of(doc(DESK))).isEqualTo(new CallRules(java.time.Duration.ofSeconds(120), true));
        assertThat(CallRules.of(doc("name: a\nmode: bridge\n")))
                .isEqualTo(new CallRules(java.time.Duration.ofSeconds(900), false));
    }

    @Test
    void aSpanishBotGetsSpanishRecognitionASpanishLocalVoiceAndIsToldToReplyInSpanish() {
        AgentSpec.Cascade spec = (AgentSpec.Cascade) SkillbaseSpecs.of(doc("""
                name: es
                language: es-ES
                mode: cascade
                voice: {stt: {vendor: deepgram, model: nova-3}, tts: {vendor: local, speed: 1.2}}
                llm: {vendor: openai, model: gpt-4o-mini}
                """));
        assertThat(spec.stt().get(0).options()).containsEntry("language", "es");
        assertThat(spec.tts().get(0).options()).isEqualTo(Map.of("voice", "es", "speed", "1.2"));
        assertThat(spec.settings().systemPrompt()).contains("Reply only in Spanish");
    }

    @Test
    void theLocalRecognizerListensForTheFlowsAndHandoffsKeywords() {
        AgentSpec.Cascade spec = (AgentSpec.Cascade) SkillbaseSpecs.of(doc("""
                name: offline
                mode: cascade
                flow:
                  type: graph
                  states:
                    - id: greet
                      say: Say appointment or operator.
                      transitions: [{to: ask, keywords: [appointment, book]}, {to: ask, dtmf: "1"}]
                    - id: ask
                      say: Shall I book it?
                      slots: [{name: ok, type: yes_no}]
                handoff: {keywords: [operator, book]}
                voice: {stt: {vendor: local}, tts: {vendor: local}}
                """));
        assertThat(spec.stt()).containsExactly(new ProviderChoice("local", "", Map.of(), List.of("appointment", "book",
                "yes", "no", "operator")));
        assertThat(spec.llm()).isEmpty();
        assertThat(spec.tools().builtIns()).containsExactly("transfer_to_human");
    }

    @Test
    void realtimeAndBridgeSkillbasesMapToTheirSpecs() {
        AgentSpec.Realtime live = (AgentSpec.Realtime) SkillbaseSpecs.of(doc("""
                name: live
                language: en-US
                mode: realtime
                greeting: Hi there.
                context: {role: You are a concierge.}
                realtime: {vendor: openai, model: gpt-realtime, voice: marin}
                turnTaking: {minSilenceMs: 400}
                tools: [{type: hang_up}]
                """));
        assertThat(live.model()).isEqualTo(new ProviderChoice("openai", "gpt-realtime", Map.of(), List.of()));
        assertThat(live.session().voice()).isEqualTo("marin");
        assertThat(live.session().greeting()).isEqualTo("Hi there.");
        assertThat(live.session().silenceMillis()).isEqualTo(400);
        assertThat(live.session().instructions()).contains("You are a concierge.").contains("hang_up tool");
        assertThat(live.tools().builtIns()).containsExactly("hang_up");

        AgentSpec.Bridge bridge = (AgentSpec.Bridge) SkillbaseSpecs.of(doc("""
                name: mine
                mode: bridge
                bridge: {url: "wss://bots.example.com/twilio", parameters: {tenant: acme, tier: 2}}
                """));
        assertThat(bridge.name()).isEqualTo("mine");
        assertThat(bridge.config().url().toString()).isEqualTo("wss://bots.example.com/twilio");
        assertThat(bridge.config().parameters()).containsExactly(Map.entry("tenant", "acme"), Map.entry("tier", "2"));
    }

    @Test
    void valuesTheRuntimeRefusesNameTheirPath() {
        assertThatThrownBy(() -> SkillbaseSpecs.of(doc("""
                name: bad
                mode: cascade
                voice: {stt: {vendor: deepgram}, tts: {vendor: deepgram}}
                llm: {vendor: openai}
                turnTaking: {minSilenceMs: 800, maxSilenceMs: 500}
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bot bad /turnTaking")
                .hasMessageContaining("maxSilenceMs");
        assertThatThrownBy(() -> SkillbaseSpecs.of(doc("name: b\nmode: bridge\nbridge: {url: 'http://x/'}\n")))
                .hasMessageContaining("/bridge/url");
    }

    @Test
    void aSkillbaseAndTheEquivalentAgentsYamlProduceEqualSpecs() throws Exception {
        JsonNode skillbase = doc("""
                name: concierge
                mode: cascade
                greeting: Hello, how can I help?
                context: {role: You are the front desk of a dental clinic.}
                tools: [{type: hang_up}, {type: transfer_to_human}, {type: send_dtmf}]
                voice:
                  stt: [{vendor: deepgram, model: nova-3, language: en}, {vendor: deepgram, model: nova-2, language: en}]
                  tts: {vendor: elevenlabs, model: eleven_flash_v2_5, voice: abc, speed: 1.1}
                llm: [{vendor: openai, model: gpt-4o-mini, temperature: 0.5, maxTokens: 300}, {vendor: anthropic, model: claude-haiku-4-5}]
                turnTaking: {minSilenceMs: 250, bargeInMinWords: 2, backchannels: [okay]}
                """);
        AgentSpec.Cascade fromSkillbase = SkillbaseSpecs.cascade(skillbase);
        String prompt = fromSkillbase.settings().systemPrompt().replace("\n", "\\n").replace("\"", "\\\"");
        Path file = dir.resolve("voxgate.yaml");
        Files.writeString(file, """
                bots:
                  agents:
                    concierge:
                      mode: cascade
                      prompt: "%s"
                      greeting: Hello, how can I help?
                      stt: [{vendor: deepgram, model: nova-3, language: en}, {vendor: deepgram, model: nova-2, language: en}]
                      llm: [{vendor: openai, model: gpt-4o-mini}, {vendor: anthropic, model: claude-haiku-4-5}]
                      tts: [{vendor: elevenlabs, model: eleven_flash_v2_5, voice: abc, speed: 1.1}]
                      temperature: 0.5
                      max-tokens: 300
                      turn-taking: {min-silence-ms: 250, barge-in-min-words: 2, backchannels: [okay]}
                """.formatted(prompt));
        BotDefinition agent = VoxgateConfig.from(ConfigTree.load(file, Map.of())).agents().get(0);
        assertThat(CascadeAgents.spec(agent)).isEqualTo(fromSkillbase);
    }

    @Test
    void aRealtimeSkillbaseAndTheEquivalentAgentsYamlProduceEqualSpecs() throws Exception {
        AgentSpec.Realtime fromSkillbase = SkillbaseSpecs.realtime(doc("""
                name: voice
                mode: realtime
                greeting: Hi.
                realtime: {vendor: openai, model: gpt-realtime, voice: marin}
                turnTaking: {minSilenceMs: 600}
                tools: [{type: hang_up}, {type: transfer_to_human}, {type: send_dtmf}]
                """));
        String prompt = fromSkillbase.session().instructions().replace("\n", "\\n").replace("\"", "\\\"");
        Path file = dir.resolve("voxgate.yaml");
        Files.writeString(file, """
                bots:
                  agents:
                    voice:
                      mode: realtime
                      prompt: "%s"
                      greeting: Hi.
                      silence-ms: 600
                      realtime: {vendor: openai, model: gpt-realtime, voice: marin}
                """.formatted(prompt));
        BotDefinition agent = VoxgateConfig.from(ConfigTree.load(file, Map.of())).agents().get(0);
        assertThat(RealtimeAgents.spec(agent)).isEqualTo(fromSkillbase);
    }
}
