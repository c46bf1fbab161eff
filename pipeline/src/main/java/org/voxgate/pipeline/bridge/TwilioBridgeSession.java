package org.voxgate.pipeline.bridge;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSocket;

/**
 * One call bridged to the operator's bot. {@link #run} connects (through the guard, so
 * refused or failing connections are retried with back-off), sends {@code connected} and
 * {@code start}, then forwards every 20 ms caller frame as {@code media} and every digit as
 * {@code dtmf}; it stays on as the ticker that echoes marks once their audio has played.
 * From the bot: {@code media} is played, {@code mark} is echoed after the audio queued before
 * it, {@code clear} drops queued audio and echoes pending marks. A bot that closes the socket
 * hangs the call up ({@code bot_hangup}); one that cannot be reached too
 * ({@code bridge_unreachable}); a socket that breaks, {@code bot_error}.
 *
 * <p>Threading: {@link #run} on its own virtual thread; socket messages on the HTTP client's
 * thread (never blocking: play, clear and sends only queue); caller audio on the media thread.
 * {@link #stop} from any thread, idempotent: it detaches from the audio at once, then sends
 * {@code stop} and closes the socket.
 */
final class TwilioBridgeSession implements BotSession, ProviderSocket.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioBridgeSession.class);
    private static final long TICK_MILLIS = 20;
    /** Invalid messages logged at WARN per call; the rest at DEBUG (a broken bot may send many). */
    private static final int WARNINGS = 10;

    private final TwilioBridgeConfig config;
    private final CallContext call;
    private final AudioChannel audio;
    private final HttpClient http;
    private final ProviderGuard guard;
    private final TwilioStreamWriter writer;
    private final MarkTracker marks;
    private volatile ProviderSocket socket;
    private volatile boolean stopped;
    private int warnings;

    TwilioBridgeSession(TwilioBridgeConfig config, CallContext call, HttpClient http, ProviderGuard guard) {
        this.config = config;
        this.call = call;
        this.audio = call.audio();
        this.http = http;
        this.guard = guard;
        this.writer = new TwilioStreamWriter(this::send, TwilioIds.streamSid(), TwilioIds.accountSid(config.name()),
                TwilioIds.callSid(call.callId()));
        this.marks = new MarkTracker(audio, writer::mark);
    }

    private void send(String text) {
        ProviderSocket s = socket;
        if (s != null) {
            s.sendText(text);
        }
    }

    /** Connects, starts the stream, then ticks mark echoes until the session ends. */
    void run() {
        ProviderSocket connected;
        try {
            connected = guard.call(() -> ProviderSocket.connect(http, config.name(), config.url(), Map.of(),
                    config.connectTimeout(), this));
        } catch (ProviderException e) {
            if (!stopped) {
                LOG.warn("bridge bot {} unreachable at {}: {}; hanging up", config.name(), config.url(), e.getMessage());
                call.hangup("bridge_unreachable");
            }
            return;
        }
        synchronized (this) {
            socket = connected;
            if (stopped) {
                connected.close();
                return;
            }
            writer.connected();
            writer.start(customParameters());
            audio.setInboundListener(frame -> writer.media(frame, frame.length));
            audio.setDtmfListener((digit, millis) -> writer.dtmf(digit));
        }
        LOG.info("bridge bot {} connected: stream {}", config.name(), writer.streamSid());
        try {
            while (!stopped && connected.isOpen()) {
                Thread.sleep(TICK_MILLIS);
                marks.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Caller, callee and call id first; the bot's configured parameters cannot overwrite them. */
    private Map<String, String> customParameters() {
        Map<String, String> params = new LinkedHashMap<>(config.parameters());
        params.put("caller", call.caller());
        params.put("callee", call.callee());
        params.put("callId", call.callId());
        return params;
    }

    @Override
    public void onText(String text) {
        if (stopped) {
            return;
        }
        switch (TwilioInbound.parse(text, writer.streamSid())) {
            case TwilioInbound.Media m -> marks.play(m.pcm());
            case TwilioInbound.Mark m -> marks.mark(m.name());
            case TwilioInbound.Clear c -> marks.clear();
            case TwilioInbound.Invalid i -> invalid(i.why());
        }
    }

    @Override
    public void onBinary(ByteBuffer data) {
        invalid("binary frame of " + data.remaining() + " bytes; only text frames are accepted (31950)");
    }

    private void invalid(String why) {
        if (warnings++ < WARNINGS) {
            LOG.warn("bridge bot {}: ignored a message: {}", config.name(), why);
        } else {
            LOG.debug("bridge bot {}: ignored a message: {}", config.name(), why);
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        if (!stopped) {
            LOG.info("bridge bot {} closed the stream ({} {}); hanging up", config.name(), code, reason);
            detach();
            call.hangup("bot_hangup");
        }
    }

    @Override
    public void onFailure(Throwable error) {
        if (!stopped) {
            LOG.warn("bridge bot {}: the stream broke: {}; hanging up", config.name(), error.toString());
            guard.streamFailed(new ProviderException(config.name(), "stream broke: " + error, true, error));
            detach();
            call.hangup("bot_error");
        }
    }

    private void detach() {
        audio.setInboundListener(null);
        audio.setDtmfListener(null);
    }

    @Override
    public void stop() {
        ProviderSocket s;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            detach();
            s = socket;
        }
        if (s != null && s.isOpen()) {
            writer.stop();
            s.close();
        }
    }
}
