package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which model reviews each bot's calls: bots.agents.<name>.review and the review section. */
class AgentReviewersTest {
    private static final Map<String, String> KEYS = Map.of("OPENAI_API_KEY", "sk-o", "ANTHROPIC_API_KEY", "sk-a");

    @TempDir
    Path dir;

    private Map<String, PostCallReviews.Reviewer> reviewers(String agents, Map<String, String> env) throws Exception {
        Path yaml = dir.resolve("voxgate.yaml");
        Files.writeString(yaml, "bots:\n  agents:\n" + agents.indent(4));
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(yaml, env));
        return AgentReviewers.build(config.agents(), new ProviderCatalog(config.providers(), env,
                new SimpleMeterRegistry(), null), config.review());
    }

    private static final String CASCADE = """
            mode: cascade
            stt: {vendor: deepgram}
            llm: [{vendor: anthropic, model: claude-haiku-4-5}, {vendor: openai, model: gpt-4o-mini}]
            tts: {vendor: deepgram}
            """;

    @Test
    void aCascadeBotIsReviewedByItsFirstLanguageModelUnlessItNamesAnotherOrSaysFalse() throws Exception {
        var reviewers = reviewers("desk:\n" + CASCADE.indent(2)
                + "cheap:\n" + (CASCADE + "review: {vendor: openai, model: gpt-4o-mini}\n").indent(2)
                + "quiet:\n" + (CASCADE + "review: false\n").indent(2)
                + "bridged:\n  mode: bridge\n  bridge: {url: 'ws://127.0.0.1:9/bot'}\n", KEYS);

        assertThat(reviewers).containsOnlyKeys("desk", "cheap");
        assertThat(reviewers.get("desk").model().vendor()).isEqualTo("anthropic");
        assertThat(reviewers.get("desk").model().model()).isEqualTo("claude-haiku-4-5");
        assertThat(reviewers.get("cheap").model().vendor()).isEqualTo("openai");
        assertThat(reviewers.get("cheap").model().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aRealtimeBotIsReviewedOnlyByAModelItNames() throws Exception {
        String realtime = "mode: realtime\nrealtime: {vendor: openai, model: gpt-realtime}\n";
        var reviewers = reviewers("voice:\n" + realtime.indent(2)
                + "judged:\n" + (realtime + "review: {vendor: openai, model: gpt-4o-mini}\n").indent(2), KEYS);

        assertThat(reviewers).containsOnlyKeys("judged");
        assertThatThrownBy(() -> reviewers("voice:\n" + (realtime + "review: true\n").indent(2), KEYS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.voice.review");
    }

    @Test
    void theNodeWideSwitchTurnsReviewsOffAndErrorsNameTheKey() throws Exception {
        var env = new java.util.HashMap<>(KEYS);
        env.put("VOXGATE_REVIEW_ENABLED", "false");
        assertThat(reviewers("desk:\n" + CASCADE.indent(2), env)).isEmpty();

        assertThatThrownBy(() -> reviewers("desk:\n" + (CASCADE + "review: {model: gpt-4o-mini}\n").indent(2), KEYS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.desk.review.vendor");
        assertThatThrownBy(() -> reviewers("desk:\n" + (CASCADE + "review: {vendor: openai}\n").indent(2),
                Map.of("ANTHROPIC_API_KEY", "sk-a")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bots.agents.desk.review")
                .hasMessageContaining("OPENAI_API_KEY");
        assertThat(VoxgateConfig.from(ConfigTree.load(null, Map.of())).review())
                .isEqualTo(new ReviewConfig(true, Duration.ofSeconds(60)));
    }
}
