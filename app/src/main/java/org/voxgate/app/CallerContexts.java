package org.voxgate.app;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.ActiveCall;
import org.voxgate.store.CallerKey;
import org.voxgate.store.CallerProfile;
import org.voxgate.store.CallerProfileRepository;
import org.voxgate.store.CallerStats;
import org.voxgate.store.StoreException;

/**
 * Looks up the caller of a starting call (the From user of an inbound call, the callee of one we
 * placed) and writes the bot's caller context with {@link CallerContextText}.
 *
 * <p>Thread-safe. Blocks on the store for two short queries; when the store is unavailable the
 * call goes ahead with no caller context rather than failing.
 */
final class CallerContexts {
    private static final Logger LOG = LoggerFactory.getLogger(CallerContexts.class);

    private final CallerProfileRepository profiles;
    private final CallerKey keys;
    private final String defaultRegion;
    private final Clock clock;
    private final CallerContextText text;

    /**
     * @param defaultRegion region for callers' numbers without a country code ({@code sip.trunks.default-region})
     */
    CallerContexts(CallerProfileRepository profiles, String defaultRegion, Clock clock) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.keys = profiles.keys();
        this.defaultRegion = defaultRegion;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.text = new CallerContextText(clock.getZone());
    }

    /** The context text for {@code call}'s caller; "" for a first-time caller or one with no usable number. */
    String forCall(ActiveCall call) {
        String party = "outbound".equals(call.direction()) ? call.to() : call.from();
        return forParty(call.callId(), party);
    }

    /** The context text for {@code party} on call {@code callId}, whose own record is not counted. */
    String forParty(String callId, String party) {
        Optional<String> key = keys.of(party, defaultRegion);
        if (key.isEmpty()) {
            return "";
        }
        try {
            CallerStats stats = profiles.stats(key.get(), clock.instant(), callId);
            CallerProfile profile = profiles.find(key.get()).orElse(null);
            return text.format(stats, profile);
        } catch (StoreException e) {
            LOG.warn("caller context of {} unavailable: {}", key.get(), e.getMessage());
            return "";
        }
    }
}
