package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.bridge.TwilioBridgeBot;
import org.voxgate.pipeline.cascade.CascadeBot;
import org.voxgate.pipeline.offline.OfflineBotConfig;
import org.voxgate.pipeline.offline.OfflineBots;
import org.voxgate.pipeline.realtime.RealtimeBot;

/** Skillbase documents built into running bots with real vendor clients, and the shipped examples. */
class SkillbaseBotsTest {
    private static final Map<String, String> KEYS = Map.of("DEEPGRAM_API_KEY", "dg", "OPENAI_API_KEY", "oa",
            "ANTHROPIC_API_KEY", "an", "ELEVENLABS_API_KEY", "el", "GEMINI_API_KEY", "ge");
    private static final Path EXAMPLES = Path.of("..", "conf", "bots");

    private static SkillbaseBots bots(Map<String, String> env) {
        ProvidersConfig providers = VoxgateConfig.from(ConfigTree.load(null, Map.of())).providers();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ProviderCatalog catalog = new ProviderCatalog(providers, env, metrics, OfflineBotConfig.defaults());
        return new SkillbaseBots(new AgentBuilder(catalog, metrics, AgentTools.BUILT_INS_ONLY),
                OfflineBots.create(OfflineBotConfig.defaults(), Thread.ofVirtual().factory()), metrics, (call, kind, detail) -> { });
    }

    /** The shipped conf/bots files by file name, read as first start reads them (see BotExamples). */
    private static Map<String, JsonNode> examples() {
        com.fasterxml.jackson.databind.ObjectMapper yaml =
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(EXAMPLES)) {
            Map<String, JsonNode> out = new java.util.TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                out.put(file.getFileName().toString(), yaml.readTree(file.toFile()));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCascadeSkillbaseBecomesACascadeBotThatKnowsItsVersionRulesAndHandoff() {
        SkillbaseBot bot = bots(KEYS).build(SkillbaseSpecsTest.doc(SkillbaseSpecsTest.DESK.replace(
                "  - {type: webhook, name: lookup_order, url: \"https://example.com/hook\"}\n", "")), 7);
        assertThat(bot.name()).isEqualTo("desk");
        assertThat(bot.version()).isEqualTo(7);
        assertThat(bot.rules()).isEqualTo(new CallRules(Duration.ofSeconds(120), true));
        assertThat(bot.handoff()).isEqualTo(new Handoff("sip:desk@pbx.example", true));
        CascadeBot cascade = (CascadeBot) bot.inner();
        assertThat(cascade.settings().maxTokens()).isEqualTo(300);
        assertThat(cascade.settings().systemPrompt()).contains("You are the receptionist")
                .isEqualTo(bot.prompt().build());
        assertThat(bot.prompt().withCallerContext("This caller has called 3 times this week.").build())
                .startsWith(cascade.settings().systemPrompt().substring(0, 100))
                .contains("About this caller: This caller has called 3 times this week.");
    }

    @Test
    void realtimeAndBridgeSkillbasesBecomeTheirBots() {
        SkillbaseBot live = bots(KEYS).build(SkillbaseSpecsTest.doc("""
                name: live
                mode: realtime
                realtime: {vendor: gemini, model: gemini-live-2.5-flash}
                """), 1);
        assertThat(live.inner()).isInstanceOf(RealtimeBot.class);
        SkillbaseBot bridge = bots(Map.of()).build(SkillbaseSpecsTest.doc("""
                name: mine
                mode: bridge
                bridge: {url: "ws://127.0.0.1:9/twilio"}
                """), 2);
        assertThat(bridge.inner()).isInstanceOf(TwilioBridgeBot.class);
        assertThat(((TwilioBridgeBot) bridge.inner()).config().name()).isEqualTo("mine");
    }

    @Test
    void aMissingApiKeyNamesTheBotAndTheDocumentPath() {
        assertThatThrownBy(() -> bots(Map.of("OPENAI_API_KEY", "oa")).build(SkillbaseSpecsTest.doc("""
                name: desk
                mode: cascade
                voice: {stt: [{vendor: deepgram}], tts: {vendor: local}}
                llm: {vendor: openai}
                """), 1)).isInstanceOf(ConfigException.class).hasMessageContaining("bot desk /voice/stt/0")
                .hasMessageContaining("DEEPGRAM_API_KEY");
    }

    @Test
    void aSkillbasesOwnToolsAreBuiltAndABookingToolNeedsTheNodesCalendar() {
        assertThat(bots(KEYS).build(SkillbaseSpecsTest.doc(SkillbaseSpecsTest.DESK), 1).name()).isEqualTo("desk");
        String booking = SkillbaseSpecsTest.DESK.replace("{type: webhook, name: lookup_order,",
                "{type: book_appointment, calendar: main}\n  - {type: webhook, name: lookup_order,");
        assertThatThrownBy(() -> bots(KEYS).build(SkillbaseSpecsTest.doc(booking), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no appointment calendar");
    }

    @Test
    void theSpanishSupportExampleBuildsWithAWarmHandoffRecordingAndSpanishEverywhere() {
        JsonNode doc = examples().get("soporte-es.yaml");
        SkillbaseBot bot = bots(KEYS).build(doc, 1);
        assertThat(bot.name()).isEqualTo("soporte-es");
        assertThat(bot.handoff()).isEqualTo(new Handoff("sip:soporte@pbx.example.com", true));
        assertThat(bot.rules()).isEqualTo(new CallRules(Duration.ofSeconds(1200), true));
        AgentSpec.Cascade spec = SkillbaseSpecs.cascade(doc);
        assertThat(spec.stt()).containsExactly(new ProviderChoice("deepgram", "nova-3", Map.of("language", "es"),
                List.of()));
        assertThat(spec.llm()).containsExactly(new ProviderChoice("openai", "gpt-4o-mini", Map.of(), List.of()));
        assertThat(spec.tts().get(0).vendor()).isEqualTo("elevenlabs");
        assertThat(spec.tools().builtIns()).containsExactlyInAnyOrder("transfer_to_human", "hang_up");
        assertThat(((CascadeBot) bot.inner()).settings().systemPrompt()).contains("Reply only in Spanish")
                .contains("\"agente\" or \"persona\" or \"humano\"").contains("garantizado");
    }

    @Test
    void theSurveyExampleRunsItsFlowOnTheModel() {
        JsonNode doc = examples().get("survey-outbound.yaml");
        AgentSpec.Cascade spec = SkillbaseSpecs.cascade(doc);
        assertThat(spec.llm()).extracting(ProviderChoice::vendor).containsExactly("openai");
        assertThat(spec.tts()).containsExactly(new ProviderChoice("deepgram", "aura-2-thalia-en", Map.of("speed", "1.0"),
                List.of()));
        assertThat(doc.at("/flow/states/1/slots/0/type").asText()).isEqualTo("number");
        assertThat(bots(KEYS).build(doc, 1).inner()).isInstanceOf(CascadeBot.class);
    }

    @Test
    void theOfflineReceptionistExampleListensForItsKeywordsAndBooksOnTheNodesCalendar() {
        JsonNode doc = examples().get("receptionist-en.yaml");
        AgentSpec.Cascade spec = SkillbaseSpecs.cascade(doc);
        assertThat(spec.llm()).isEmpty();
        assertThat(spec.stt()).singleElement().satisfies(stt -> {
            assertThat(stt.vendor()).isEqualTo("local");
            assertThat(stt.phrases()).contains("appointment", "operator", "yes", "no", "goodbye");
        });
        assertThat(doc.at("/flow/states/2/action/tool").asText()).isEqualTo("book_appointment");
        // booking needs the node's calendar (the store): ReceptionistBookingIT runs it whole
        assertThatThrownBy(() -> bots(KEYS).build(doc, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no appointment calendar");
    }
}
