package org.voxgate.pipeline.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One bridge bot: the operator's WebSocket URL that Voxgate connects to for every call, and the
 * extra {@code customParameters} its {@code start} message carries (as
 * {@code <Parameter name="k" value="v"/>} would under Twilio). Immutable.
 *
 * @param name the bot's name (calls are routed to it)
 * @param url {@code ws://} or {@code wss://} URL of the operator's bot
 * @param parameters extra custom parameters, in order; never null
 * @param connectTimeout how long one connection attempt may take
 */
public record TwilioBridgeConfig(String name, URI url, Map<String, String> parameters, Duration connectTimeout) {
    public TwilioBridgeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || url.getHost() == null) {
            throw new IllegalArgumentException("url must be a ws:// or wss:// URL with a host, got '" + url + "'");
        }
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    }

    /** Parses and validates {@code url}; the message of a bad one names the problem. */
    public static TwilioBridgeConfig of(String name, String url, Map<String, String> parameters) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: '" + url + "'", e);
        }
        return new TwilioBridgeConfig(name, uri, parameters, null);
    }
}
