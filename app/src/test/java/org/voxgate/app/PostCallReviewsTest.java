package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.cost.PricingTable;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallCostLine;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.CallReview;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/**
 * The post-call review from configuration to the store: a cascade bot's first language model
 * (the OpenAI fake, over loopback) reviews the call's transcript after its record was written;
 * the review and its cost land with the call, and a malformed reply stores nothing.
 */
class PostCallReviewsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant REVIEWED = T0.plusSeconds(60);

    @TempDir
    Path dir;

    private final FakeOpenAiChat fake = FakeOpenAiChat.start("sk-review");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConversationMetrics metrics = new ConversationMetrics(registry);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PostCallReviews.class);
    private Store store;
    private CallRecordWriter writer;
    private PostCallReviews reviews;

    @BeforeEach
    void open() throws Exception {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        writer = new CallRecordWriter(store.calls(), dir.resolve("journal"), Clock.systemUTC());
        Path yaml = dir.resolve("voxgate.yaml");
        Files.writeString(yaml, """
                bots:
                  agents:
                    desk:
                      mode: cascade
                      prompt: You book tables.
                      stt: {vendor: deepgram, model: nova-3}
                      llm: [{vendor: openai, model: gpt-4o-mini}, {vendor: anthropic, model: claude-haiku-4-5}]
                      tts: {vendor: deepgram, model: aura-2-thalia-en}
                """);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-review",
                "VOXGATE_PROVIDERS_OPENAI_BASE_URL", fake.baseUrl());
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(yaml, env));
        ProviderCatalog catalog = new ProviderCatalog(config.providers(), env, registry, null);
        reviews = new PostCallReviews(AgentReviewers.build(config.agents(), catalog, config.review()), writer,
                Clock.fixed(REVIEWED, ZoneOffset.UTC), Thread.ofVirtual().name("review-test-", 0).factory(),
                metrics::reviewed);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void close() {
        logger.detachAppender(logs);
        writer.close();
        store.close();
        registry.close();
        fake.close();
    }

    /** The record BotCallHandler writes at hang-up, with the call's own cost (one llm line). */
    private CallRecord hungUp(String callId) {
        CallAnalysis analysis = new CallAnalysis("COMPLETED", new BigDecimal("0.00021"),
                List.of(new CallCostLine("llm", "openai", "gpt-4o-mini", BigDecimal.valueOf(1400), "input_tokens",
                        new BigDecimal("0.00021"), true)), 700L, 700.0, 700L, 700L, 0, 0, 0, List.of());
        CallRecord record = new CallRecord(callId, "inbound", "sip:alice@example.com", "desk", "desk", T0,
                T0.plusSeconds(1), T0.plusSeconds(40), "caller_hangup", "PCMU", List.of(), "ANSWERED", null, 200, null,
                analysis, null);
        writer.callUpdated(record);
        return record;
    }

    private static CallTelemetry saidOnTheCall() {
        CallTelemetry telemetry = new CallTelemetry(Clock.systemUTC(), PricingTable.defaults(),
                new ConversationMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        telemetry.said(Speaker.BOT, "Hello, how can I help?");
        telemetry.said(Speaker.CALLER, "A table for four tonight at eight.");
        telemetry.said(Speaker.BOT, " "); // an empty turn (cut off before a word) is left out
        telemetry.said(Speaker.BOT, "Booked for four at eight.");
        return telemetry;
    }

    @Test
    void theReviewIsStoredWithTheCallAndItsTokensAreAddedToTheCallsCost() throws Exception {
        fake.enqueue(ScriptedReply.text("{\"summary\": \"The caller booked a table for four at eight.\", ",
                "\"rating\": 9, \"reasons\": [\"understood at once\", \"confirmed the booking\"]}")
                .withUsage(1_000, 0, 100));
        CallRecord record = hungUp("r-1");

        assertThat(reviews.reviews("desk")).isTrue();
        assertThat(reviews.start(record, saidOnTheCall().transcript(), PricingTable.defaults())
                .get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();

        CallRecord stored = store.calls().find("r-1").orElseThrow();
        CallReview review = stored.review();
        assertThat(review.summary()).isEqualTo("The caller booked a table for four at eight.");
        assertThat(review.rating()).isEqualTo(9);
        assertThat(review.ratingReasons()).isEqualTo("[\"understood at once\",\"confirmed the booking\"]");
        assertThat(review.reviewedAt()).isEqualTo(REVIEWED);
        // 1000 x 0.15/1M + 100 x 0.60/1M = 0.00015 + 0.00006, on top of the call's own 0.00021
        assertThat(stored.analysis().costTotal()).isEqualByComparingTo("0.00042");
        assertThat(stored.analysis().costLines()).filteredOn(l -> l.component().equals("review"))
                .extracting(CallCostLine::unit, CallCostLine::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("input_tokens", new BigDecimal("0.00015")),
                        org.assertj.core.groups.Tuple.tuple("output_tokens", new BigDecimal("0.00006")));
        assertThat(stored.analysis().outcome()).isEqualTo("COMPLETED");
        assertThat(stored.analysis().voiceToVoiceP95Ms()).isEqualTo(700L);
        assertThat(stored.endReason()).isEqualTo("caller_hangup");

        String prompt = fake.requests().getFirst().path("messages").get(1).path("content").asText();
        assertThat(prompt).contains("Call outcome: COMPLETED").contains("agent: Hello, how can I help?\n"
                + "caller: A table for four tonight at eight.\nagent: Booked for four at eight.\n");
        assertThat(fake.requests().getFirst().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(registry.find("voxgate.call.cost.usd").tag("component", "review").counter().count())
                .isCloseTo(0.00021, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aMalformedReplyStoresNoReviewLogsWhyAndLeavesTheCallRecordAsWritten() throws Exception {
        fake.enqueue(ScriptedReply.text("I'd rate this call ", "a solid 8 out of 10!").withUsage(900, 0, 12));
        CallRecord record = hungUp("r-2");

        assertThat(reviews.start(record, saidOnTheCall().transcript(), PricingTable.defaults())
                .get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();

        CallRecord stored = store.calls().find("r-2").orElseThrow();
        assertThat(stored.review()).isNull();
        assertThat(stored.analysis().costTotal()).isEqualByComparingTo("0.00021");
        assertThat(stored.analysis().costLines()).extracting(CallCostLine::component).containsExactly("llm");
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(e.getFormattedMessage()).contains("r-2").contains("review by openai/gpt-4o-mini failed")
                    .contains("not JSON").contains("a solid 8 out of 10");
        });
    }

    @Test
    void aModelFailureStoresNoReviewAndASilentCallIsNotSentToTheModel() throws Exception {
        fake.failNext(1, 400); // not retryable: one attempt
        CallRecord record = hungUp("r-3");

        assertThat(reviews.start(record, saidOnTheCall().transcript(), PricingTable.defaults())
                .get(60, TimeUnit.SECONDS)).isFalse();
        assertThat(reviews.start(hungUp("r-4"), List.of(), PricingTable.defaults()).get(30, TimeUnit.SECONDS))
                .isFalse();
        assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(store.calls().find("r-3").orElseThrow().review()).isNull();
        assertThat(store.calls().find("r-4").orElseThrow().review()).isNull();
        assertThat(fake.attempts()).isEqualTo(1); // r-3's; r-4's silence was never sent
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("r-3")
                .contains("failed").contains("HTTP 400"));
    }
}
