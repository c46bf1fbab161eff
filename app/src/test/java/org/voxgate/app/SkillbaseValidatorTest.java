package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.admin.BotProblem;

/** The skillbase schema and rules: the contract's example passes, and each kind of mistake is reported where it is. */
class SkillbaseValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SkillbaseValidator VALIDATOR = new SkillbaseValidator();

    static ObjectNode example() throws IOException {
        try (InputStream in = SkillbaseValidatorTest.class.getResourceAsStream("/skillbases/contract-example.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    static ObjectNode parse(String json) throws IOException {
        return (ObjectNode) JSON.readTree(json);
    }

    private static List<String> paths(JsonNode doc) {
        return VALIDATOR.validate(doc).stream().map(BotProblem::path).toList();
    }

    private static String messageAt(JsonNode doc, String path) {
        return VALIDATOR.validate(doc).stream().filter(p -> p.path().equals(path)).map(BotProblem::message)
                .findFirst().orElseThrow(() -> new AssertionError("no problem at " + path + " in "
                        + VALIDATOR.validate(doc)));
    }

    @Test
    void theContractsExampleIsValid() throws IOException {
        assertThat(VALIDATOR.validate(example())).isEmpty();
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        var meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(VALIDATOR.schema())).isEmpty();
        assertThat(VALIDATOR.schema().get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void aMinimalBridgeBotIsValid() throws IOException {
        assertThat(VALIDATOR.validate(parse("""
                {"name":"partner","mode":"bridge","bridge":{"url":"wss://bots.example.com/twilio"}}"""))).isEmpty();
    }

    @Test
    void aNoLlmBotWithAKeywordFlowOnLocalSpeechIsValid() throws IOException {
        assertThat(VALIDATOR.validate(parse("""
                {"name":"menu","mode":"cascade","voice":{"stt":{"vendor":"local"},"tts":{"vendor":"local"}},
                 "flow":{"type":"linear","states":[
                   {"id":"ask","say":"Do you want the opening hours?","slots":[{"name":"ok","type":"yes_no"}],
                    "transitions":[{"to":"bye","dtmf":"1"}]},
                   {"id":"bye","say":"We are open nine to five. Goodbye.","end":"hangup"}]}}"""))).isEmpty();
    }

    @Test
    void structuralMistakesAreAllReportedAtTheirPaths() throws IOException {
        ObjectNode doc = example();
        doc.put("name", "Bad Name");
        doc.put("colour", "blue");
        doc.put("maxCallSeconds", 5);
        ((ObjectNode) doc.get("llm")).put("vendor", "acme");
        ((ObjectNode) doc.get("llm")).put("temperature", "warm");
        ((ObjectNode) doc.get("voice").get("tts")).remove("vendor");
        ((ObjectNode) doc.get("flow").get("states").get(0).get("slots").get(0)).put("type", "colour");
        ((ObjectNode) doc.get("tools").get(0)).put("calendar", "main");

        assertThat(paths(doc)).containsExactlyInAnyOrder("/colour", "/flow/states/0/slots/0/type", "/llm/temperature",
                "/llm/vendor", "/maxCallSeconds", "/name", "/tools/0/calendar", "/voice/tts/vendor");
        assertThat(messageAt(doc, "/colour")).isEqualTo("is not a known key");
        assertThat(messageAt(doc, "/voice/tts/vendor")).isEqualTo("is required");
        assertThat(messageAt(doc, "/maxCallSeconds")).contains("10");
        assertThat(messageAt(doc, "/llm/vendor")).contains("openai");
    }

    @Test
    void missingRequiredKeysAndAWrongTopLevelType() throws IOException {
        assertThat(paths(parse("{}"))).containsExactly("/mode", "/name");
        assertThat(paths(JSON.readTree("[1]"))).containsExactly("");
    }

    @Test
    void flowReferencesMustNameStatesAndIdsMustBeUnique() throws IOException {
        ObjectNode doc = example();
        ArrayNode states = (ArrayNode) doc.get("flow").get("states");
        doc.with("flow").put("start", "nowhere");
        ((ObjectNode) states.get(0)).put("next", "missing");
        ((ObjectNode) states.get(0).get("transitions").get(1)).put("to", "elsewhere");
        ((ObjectNode) states.get(3)).put("id", "greet"); // nothing refers to "handoff" any more

        assertThat(paths(doc)).containsExactly("/flow/start", "/flow/states/0/next", "/flow/states/0/transitions/1/to",
                "/flow/states/3/id");
        assertThat(messageAt(doc, "/flow/states/0/transitions/1/to")).isEqualTo("no state has the id elsewhere");
        assertThat(messageAt(doc, "/flow/states/3/id")).contains("used twice");
    }

    @Test
    void aTransitionNeedsACondition() throws IOException {
        ObjectNode doc = example();
        ((ObjectNode) doc.get("flow").get("states").get(0).get("transitions").get(0)).remove("keywords");
        assertThat(paths(doc)).containsExactly("/flow/states/0/transitions/0");
        assertThat(messageAt(doc, "/flow/states/0/transitions/0")).contains("keywords, dtmf or intent");
    }

    @Test
    void withoutAnLlmIntentsFreeTextSlotsAndUnscriptedStatesAreRefused() throws IOException {
        ObjectNode doc = example();
        doc.remove("llm");
        doc.set("voice", parse("{\"stt\":{\"vendor\":\"local\"},\"tts\":{\"vendor\":\"local\"}}"));
        ((ObjectNode) doc.get("flow").get("states").get(0).get("slots").get(0)).put("type", "text");

        assertThat(paths(doc)).containsExactly("/flow/states/0/slots/0/type", "/flow/states/0/transitions/2/intent",
                "/flow/states/1/say", "/flow/states/2/say");
        assertThat(messageAt(doc, "/flow/states/0/transitions/2/intent")).contains("llm");
    }

    @Test
    void withoutAnLlmTheRecognizerMustBeLocalAndThereMustBeAFlow() throws IOException {
        ObjectNode doc = parse("""
                {"name":"quiet","mode":"cascade","voice":{"stt":{"vendor":"deepgram"},"tts":{"vendor":"local"}}}""");
        assertThat(paths(doc)).containsExactly("/flow", "/voice/stt");
    }

    @Test
    void eachModeNeedsItsOwnSection() throws IOException {
        assertThat(paths(parse("{\"name\":\"a\",\"mode\":\"cascade\",\"llm\":{\"vendor\":\"openai\",\"model\":\"m\"}}")))
                .containsExactly("/voice/stt", "/voice/tts");
        assertThat(paths(parse("{\"name\":\"a\",\"mode\":\"realtime\"}"))).containsExactly("/realtime");
        assertThat(paths(parse("{\"name\":\"a\",\"mode\":\"bridge\"}"))).containsExactly("/bridge/url");
        assertThat(paths(parse("{\"name\":\"a\",\"mode\":\"bridge\",\"bridge\":{\"url\":\"http://x\"}}")))
                .containsExactly("/bridge/url");
        assertThat(paths(parse("{\"name\":\"a\",\"mode\":\"phone\"}"))).containsExactly("/mode");
    }

    @Test
    void toolsMustBeUniqueAndWellFormed() throws IOException {
        ObjectNode doc = example();
        ArrayNode tools = (ArrayNode) doc.get("tools");
        tools.add(parse("{\"type\":\"hang_up\"}"));
        tools.add(parse("{\"type\":\"webhook\",\"name\":\"lookup_order\",\"url\":\"https://example.com/2\"}"));
        tools.add(parse("{\"type\":\"webhook\",\"url\":\"ftp://example.com\"}"));
        ((ObjectNode) tools.get(3)).put("timeZone", "Mars/Olympus");
        ((ObjectNode) tools.get(3).get("hours")).put("fri", "13:00-09:00");
        ((ObjectNode) tools.get(4).get("parameters")).put("type", "string");
        ((ObjectNode) doc.get("flow").get("states").get(1).get("action")).put("tool", "teleport");

        assertThat(paths(doc)).containsExactly("/flow/states/1/action/tool", "/tools/3/hours/fri", "/tools/3/timeZone",
                "/tools/4/parameters/type", "/tools/5/type", "/tools/6/name", "/tools/7/name", "/tools/7/url");
    }

    @Test
    void guardrailPatternsMustCompileAndHandoffTargetsMustBeReachable() throws IOException {
        ObjectNode doc = example();
        ((ArrayNode) doc.get("guardrails").get("patterns")).add("([unclosed");
        doc.with("handoff").put("target", "desk at the pbx");
        doc.with("turnTaking").put("minSilenceMs", 2000);

        assertThat(paths(doc)).containsExactly("/guardrails/patterns/1", "/handoff/target", "/turnTaking/maxSilenceMs");
        assertThat(messageAt(doc, "/guardrails/patterns/1")).startsWith("not a regular expression");
    }

    @Test
    void providerListsAreFailoverChainsOfKnownVendors() throws IOException {
        ObjectNode doc = example();
        doc.with("voice").set("tts", parse("{\"a\":[{\"vendor\":\"deepgram\"},{\"vendor\":\"local\"}]}").get("a"));
        doc.set("llm", parse("{\"a\":[{\"vendor\":\"openai\",\"model\":\"x\"},{\"vendor\":\"anthropic\",\"model\":\"y\"}]}")
                .get("a"));
        assertThat(VALIDATOR.validate(doc)).isEmpty();

        doc.with("voice").set("stt", parse("{\"a\":[{\"vendor\":\"deepgram\"},{\"vendor\":\"whisper\"}]}").get("a"));
        assertThat(paths(doc)).containsExactly("/voice/stt/1/vendor");
    }
}
