package org.voxgate.pipeline.bridge;

import java.net.http.HttpClient;
import java.util.concurrent.ThreadFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.ProviderGuard;

/**
 * Bring-your-own-bot: for every call Voxgate connects to the operator's WebSocket URL and
 * speaks the Twilio Media Streams protocol exactly as Twilio does on a bidirectional
 * {@code <Connect><Stream>}, so a bot written for Twilio (Pipecat, Vocode, the samples) runs
 * unchanged behind a SIP trunk. The per-call work is {@link TwilioBridgeSession}'s.
 *
 * <p>Threading: thread-safe and shared by all calls to the bot; {@link #open} returns at once
 * and connects on a virtual thread from {@code threads}. Ownership: the HTTP client and the
 * guard are shared (one guard per bot, so its circuit opens when the bot's server is down);
 * the caller owns and closes them.
 */
public final class TwilioBridgeBot implements Bot {
    private final TwilioBridgeConfig config;
    private final HttpClient http;
    private final ProviderGuard guard;
    private final ThreadFactory threads;

    public TwilioBridgeBot(TwilioBridgeConfig config, HttpClient http, ProviderGuard guard, ThreadFactory threads) {
        this.config = config;
        this.http = http;
        this.guard = guard;
        this.threads = threads;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The bot's settings. */
    public TwilioBridgeConfig config() {
        return config;
    }

    @Override
    public BotSession open(CallContext call) {
        TwilioBridgeSession session = new TwilioBridgeSession(config, call, http, guard);
        threads.newThread(session::run).start();
        return session;
    }
}
