package org.voxgate.app;

import java.nio.file.Path;
import java.time.Duration;
import org.voxgate.admin.AdminConfig;
import org.voxgate.media.MediaConfig;
import org.voxgate.pipeline.offline.OfflineBotConfig;
import org.voxgate.sip.CarrierConfig;
import org.voxgate.sip.SipConfig;
import org.voxgate.store.PhoneNumbers;
import org.voxgate.store.StoreConfig;

/**
 * The whole node's configuration, one immutable record per module, validated once.
 *
 * @param dataDir directory for the embedded database and the write journal
 * @param defaultBot bot for numbers that name no bot
 * @param offlineBots the offline bots' settings (the {@code bots} section)
 * @param logFormat {@code text} or {@code json}
 * @param logLevel root log level
 * @param carrier keep-alive, registration and outbound call settings ({@code sip.trunks})
 * @param realm digest realm for INVITE challenges and trunks' inbound HA1s ({@code sip.realm})
 * @param defaultRegion region for numbers without a country code ({@code sip.trunks.default-region})
 * @param unknownNumberToDefaultBot whether unrouted numbers go to the default bot instead of 404
 */
record VoxgateConfig(
        Path dataDir,
        SipConfig sip,
        MediaConfig media,
        AdminConfig http,
        StoreConfig store,
        String defaultBot,
        OfflineBotConfig offlineBots,
        String logFormat,
        String logLevel,
        CarrierConfig carrier,
        String realm,
        String defaultRegion,
        boolean unknownNumberToDefaultBot) {

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
                Duration.ofSeconds(tree.integer("rtp.media-timeout-seconds", 1, 3600))));
        AdminConfig http = new AdminConfig(nonEmpty(tree, "http.bind-address"), tree.integer("http.port", 0, 65535));
        String url = tree.string("db.url");
        if (url.isEmpty()) {
            url = "jdbc:h2:file:" + dataDir.resolve("voxgate")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
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
        return new VoxgateConfig(dataDir, sip, media, http, store, nonEmpty(tree, "bots.default"), offlineBots,
                tree.choice("logging.format", "text", "json"),
                tree.choice("logging.level", "trace", "debug", "info", "warn", "error").toUpperCase(java.util.Locale.ROOT),
                carrier, nonEmpty(tree, "sip.realm"), region,
                tree.choice("bots.unknown-number", "reject", "default-bot").equals("default-bot"));
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
