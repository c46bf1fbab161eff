package org.voxgate.app;

import java.nio.file.Path;
import java.time.Duration;
import org.voxgate.admin.AdminConfig;
import org.voxgate.media.MediaConfig;
import org.voxgate.pipeline.offline.OfflineBotConfig;
import org.voxgate.sip.CarrierConfig;
import org.voxgate.sip.DialogConfig;
import org.voxgate.sip.OverloadConfig;
import org.voxgate.sip.SessionTimerConfig;
import org.voxgate.sip.SipConfig;
import org.voxgate.sip.TlsConfig;
import org.voxgate.sip.auth.DigestAlgorithm;
import org.voxgate.sip.location.RegistrarConfig;
import org.voxgate.store.PhoneNumbers;
import org.voxgate.store.StoreConfig;

/**
 * The whole node's configuration, one immutable record per module, validated once.
 *
 * @param dataDir directory for the embedded database and the write journal
 * @param defaultBot bot for numbers that name no bot
 * @param operator where bots hand callers to a human: a SIP URI, a SIP user or a number;
 *     empty when nobody is configured
 * @param offlineBots the offline bots' settings (the {@code bots} section)
 * @param logFormat {@code text} or {@code json}
 * @param logLevel root log level
 * @param realm the digest realm (sip.realm, defaulting to sip.host)
 * @param nonceLifetime how long a digest nonce is good for
 * @param digestAlgorithms digest algorithms offered, most preferred first
 * @param registrar the registrar's settings
 * @param sipDialog session timers, TLS and overload limits (the rest of the {@code sip} section)
 * @param carrier keep-alive, registration and outbound call settings ({@code sip.trunks})
 * @param defaultRegion region for numbers without a country code ({@code sip.trunks.default-region})
 * @param unknownNumberToDefaultBot whether unrouted numbers go to the default bot instead of 404
 * @param recording call recording (the {@code recording} section)
 * @param codecs codec preference orders: the node's ({@code rtp.codecs}) and per bot
 *     ({@code bots.codecs.<bot>})
 * @param agents operator-defined bots ({@code bots.agents}), in file order
 * @param audioSocket the Asterisk AudioSocket listener ({@code audiosocket})
 * @param providers where the AI providers are reached ({@code providers})
 * @param pricing provider prices: the built-in list prices with the {@code pricing} section's
 *     overrides and additions
 * @param review post-call reviews ({@code review}); the model is per bot ({@code bots.agents.<name>.review})
 * @param botExamples skillbase files stored as bots at the store's first start ({@code bots.examples}),
 *     or null for none
 * @param campaigns the campaign dialer ({@code campaigns})
 */
record VoxgateConfig(
        Path dataDir,
        SipConfig sip,
        MediaConfig media,
        AdminConfig http,
        StoreConfig store,
        String defaultBot,
        String operator,
        OfflineBotConfig offlineBots,
        String logFormat,
        String logLevel,
        String realm,
        Duration nonceLifetime,
        java.util.List<DigestAlgorithm> digestAlgorithms,
        RegistrarConfig registrar,
        DialogConfig sipDialog,
        CarrierConfig carrier,
        String defaultRegion,
        boolean unknownNumberToDefaultBot,
        RecordingConfig recording,
        CodecPreferences codecs,
        java.util.List<BotDefinition> agents,
        AudioSocketConfig audioSocket,
        ProvidersConfig providers,
        org.voxgate.pipeline.cost.PricingTable pricing,
        ReviewConfig review,
        Path botExamples,
        CampaignsConfig campaigns) {

    /** Builds and validates every module's config; errors name the key. */
    static VoxgateConfig from(ConfigTree tree) {
        Path dataDir = Path.of(nonEmpty(tree, "data-dir")).toAbsolutePath().normalize();
        String host = nonEmpty(tree, "sip.host");
        SipConfig sip = guarded("sip", () -> new SipConfig(
                nonEmpty(tree, "sip.bind-address"),
                host,
                tree.integer("sip.port", 1, 65535),
                tree.list("sip.transports"),
                tree.bool("sip.send-ringing"),
                Duration.ofMillis(tree.integer("sip.answer-delay-ms", 0, 600_000)),
                nonEmpty(tree, "sip.user-agent"),
                Duration.ofMillis(tree.integer("sip.shutdown-grace-ms", 0, 60_000))));
        int[] ports = portRange(tree.string("rtp.ports"));
        MediaConfig media = guarded("rtp", () -> new MediaConfig(
                nonEmpty(tree, "rtp.bind-address"), host, ports[0], ports[1],
                Duration.ofSeconds(tree.integer("rtp.media-timeout-seconds", 1, 3600)),
                tree.integer("rtp.jitter-buffer-min-ms", 0, 500),
                tree.integer("rtp.jitter-buffer-max-ms", 0, 500)));
        AdminConfig http = new AdminConfig(nonEmpty(tree, "http.bind-address"), tree.integer("http.port", 0, 65535));
        String url = tree.string("db.url");
        if (url.isEmpty()) {
            // WRITE_DELAY=0: H2 otherwise writes commits to the file up to a second later, so a
            // killed process loses what it had committed (a claimed call task comes back queued
            // and is dialled again after a restart; CampaignRestartIT)
            url = "jdbc:h2:file:" + dataDir.resolve("voxgate")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        }
        String jdbcUrl = url;
        StoreConfig store = guarded("db", () -> new StoreConfig(jdbcUrl, blankToNull(tree.string("db.user")),
                blankToNull(tree.string("db.password")), tree.integer("db.pool-size", 1, 200)));
        OfflineBotConfig d = OfflineBotConfig.defaults();
        Path espeak = Path.of(nonEmpty(tree, "bots.espeak-binary"));
        String voice = nonEmpty(tree, "bots.voice");
        int speechRate = tree.integer("bots.speech-rate", 80, 450);
        int vadMode = tree.integer("bots.vad-mode", 0, 3);
        int endOfSpeechMs = tree.integer("bots.end-of-speech-ms", 200, 5000);
        Duration noInput = Duration.ofMillis(tree.integer("bots.no-input-ms", 1000, 120_000));
        // Our keys over the pipeline's documented defaults (Debian paths, timings).
        OfflineBotConfig offlineBots = guarded("bots", () -> new OfflineBotConfig(espeak, voice, speechRate,
                d.synthesisTimeout(), d.promptCacheEntries(), vadMode, d.speechStartMillis(), endOfSpeechMs,
                d.maxUtteranceMillis(), d.preRollMillis(), noInput, d.maxAttempts(), d.hangupGrace(),
                d.inboundQueueFrames(), d.pocketsphinxLibrary(), d.sphinxbaseLibrary(), d.acousticModel(),
                d.dictionary()));
        CarrierConfig carrier = guarded("sip.trunks", () -> new CarrierConfig(
                Duration.ofSeconds(tree.integer("sip.trunks.options-interval-seconds", 1, 3600)),
                tree.integer("sip.trunks.options-failures-down", 1, 100),
                Duration.ofSeconds(tree.integer("sip.trunks.register-retry-min-seconds", 1, 3600)),
                Duration.ofSeconds(tree.integer("sip.trunks.register-retry-max-seconds", 1, 86_400)),
                Duration.ofSeconds(tree.integer("sip.trunks.ring-timeout-seconds", 1, 600))));
        String region = nonEmpty(tree, "sip.trunks.default-region").toUpperCase(java.util.Locale.ROOT);
        if (!new PhoneNumbers().isKnownRegion(region)) {
            throw new ConfigException("sip.trunks.default-region must be an ISO 3166 region such as US or GB, got '"
                    + region + "' (VOXGATE_SIP_TRUNKS_DEFAULT_REGION)");
        }
        String realm = tree.string("sip.realm").isEmpty() ? host : tree.string("sip.realm");
        Duration nonceLifetime = Duration.ofSeconds(tree.integer("sip.nonce-lifetime-seconds", 10, 86_400));
        java.util.List<DigestAlgorithm> digestAlgorithms = digestAlgorithms(tree.list("sip.digest-algorithms"));
        RegistrarConfig registrar = guarded("registrar", () -> new RegistrarConfig(
                Duration.ofSeconds(tree.integer("registrar.min-expires-seconds", 0, 86_400)),
                Duration.ofSeconds(tree.integer("registrar.max-expires-seconds", 1, 604_800)),
                Duration.ofSeconds(tree.integer("registrar.default-expires-seconds", 1, 604_800)),
                tree.integer("registrar.max-contacts", 1, 1000),
                Duration.ofSeconds(tree.integer("registrar.keep-alive-seconds", 0, 3600)),
                Duration.ofSeconds(30)));
        return new VoxgateConfig(dataDir, sip, media, http, store, nonEmpty(tree, "bots.default"),
                tree.string("bots.operator"), offlineBots,
                tree.choice("logging.format", "text", "json"),
                tree.choice("logging.level", "trace", "debug", "info", "warn", "error").toUpperCase(java.util.Locale.ROOT),
                realm, nonceLifetime, digestAlgorithms, registrar, sipDialog(tree), carrier, region,
                tree.choice("bots.unknown-number", "reject", "default-bot").equals("default-bot"),
                recording(tree, dataDir),
                codecPreferences(tree),
                BotDefinitions.parse(tree),
                AudioSocketConfig.from(tree),
                ProvidersConfig.from(tree),
                PricingConfig.parse(tree.section("pricing")),
                ReviewConfig.from(tree),
                tree.string("bots.examples").isBlank() ? null
                        : Path.of(tree.string("bots.examples")).toAbsolutePath().normalize(),
                CampaignsConfig.from(tree, host + ":" + sip.port()));
    }

    private static RecordingConfig recording(ConfigTree tree, Path dataDir) {
        String directory = tree.string("recording.directory");
        Path dir = directory.isEmpty() ? dataDir.resolve("recordings") : Path.of(directory).toAbsolutePath().normalize();
        return guarded("recording", () -> new RecordingConfig(tree.bool("recording.enabled"),
                java.util.Set.copyOf(tree.list("recording.bots")), dir,
                Duration.ofDays(tree.integer("recording.retention-days", 1, 36_500))));
    }

    /** rtp.codecs and bots.codecs.&lt;bot&gt;; errors name the key. */
    static CodecPreferences codecPreferences(ConfigTree tree) {
        java.util.List<org.voxgate.media.Codec> node = CodecPreferences.parse("rtp.codecs", tree.list("rtp.codecs"));
        java.util.Map<String, java.util.List<org.voxgate.media.Codec>> perBot = new java.util.HashMap<>();
        for (String bot : tree.keysUnder("bots.codecs")) {
            String key = "bots.codecs." + bot;
            perBot.put(bot.toLowerCase(java.util.Locale.ROOT), CodecPreferences.parse(key, tree.list(key)));
        }
        return new CodecPreferences(node, perBot);
    }

    /** [sha-256, md5] -> the algorithms, in order; errors name sip.digest-algorithms. */
    static java.util.List<DigestAlgorithm> digestAlgorithms(java.util.List<String> names) {
        java.util.List<DigestAlgorithm> out = new java.util.ArrayList<>();
        for (String name : names) {
            DigestAlgorithm algorithm = name.isBlank() ? null : DigestAlgorithm.fromToken(name).orElse(null);
            if (algorithm == null || out.contains(algorithm)) {
                throw new ConfigException("sip.digest-algorithms takes sha-256 and/or md5, each once; got '" + name
                        + "' (VOXGATE_SIP_DIGEST_ALGORITHMS)");
            }
            out.add(algorithm);
        }
        if (out.isEmpty()) {
            throw new ConfigException("sip.digest-algorithms must name at least one of sha-256, md5");
        }
        return java.util.List.copyOf(out);
    }


    private static DialogConfig sipDialog(ConfigTree tree) {
        SessionTimerConfig timers = guarded("sip", () -> new SessionTimerConfig(tree.bool("sip.session-timer.enabled"),
                Duration.ofSeconds(tree.integer("sip.session-timer.expires-seconds", 1, 86_400)),
                Duration.ofSeconds(tree.integer("sip.session-timer.min-se-seconds", 1, 86_400))));
        String cert = tree.string("sip.tls.cert-file");
        String key = tree.string("sip.tls.key-file");
        TlsConfig tls = guarded("sip", () -> new TlsConfig(tree.integer("sip.tls.port", 1, 65535),
                cert.isEmpty() ? null : Path.of(cert), key.isEmpty() ? null : Path.of(key)));
        if (tree.list("sip.transports").stream().anyMatch(t -> t.equalsIgnoreCase("tls"))) {
            if (cert.isEmpty() || key.isEmpty()) {
                throw new ConfigException("sip.transports names tls: set sip.tls.cert-file and sip.tls.key-file"
                        + " (VOXGATE_SIP_TLS_CERT_FILE, VOXGATE_SIP_TLS_KEY_FILE)");
            }
            if (tree.integer("sip.tls.port", 1, 65535) == tree.integer("sip.port", 1, 65535)) {
                throw new ConfigException("sip.tls.port must differ from sip.port (TCP and TLS cannot share a port)");
            }
        }
        OverloadConfig overload = guarded("sip", () -> new OverloadConfig(tree.integer("sip.max-calls", 0, 1_000_000),
                tree.integer("sip.rate-limit.requests-per-second", 0, 1_000_000),
                tree.integer("sip.rate-limit.burst", 1, 1_000_000),
                tree.integer("sip.rate-limit.tracked-sources", 1, 10_000_000),
                Duration.ofSeconds(tree.integer("sip.retry-after-seconds", 0, 86_400))));
        return new DialogConfig(timers, tls, overload);
    }

    private static String nonEmpty(ConfigTree tree, String key) {
        String value = tree.string(key);
        if (value.isEmpty()) {
            throw new ConfigException(key + " must not be empty (" + ConfigTree.envName(key) + ")");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** "20000-29999" -> {20000, 29999}. */
    static int[] portRange(String text) {
        String[] parts = text.split("-");
        try {
            if (parts.length == 2) {
                int low = Integer.parseInt(parts[0].trim());
                int high = Integer.parseInt(parts[1].trim());
                if (low < high) {
                    return new int[] {low, high};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new ConfigException("rtp.ports must look like 20000-29999 (low-high), got '" + text
                + "' (VOXGATE_RTP_PORTS)");
    }

    /** Module records validate themselves; prefix their message with the section name. */
    private static <T> T guarded(String section, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new ConfigException(message.startsWith(section + ".") ? message : section + ": " + message, e);
        }
    }
}
