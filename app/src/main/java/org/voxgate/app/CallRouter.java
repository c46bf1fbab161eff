package org.voxgate.app;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.voxgate.sip.auth.SipPrincipal;
import org.voxgate.store.NumberRoute;
import org.voxgate.store.PhoneNumbers;
import org.voxgate.store.Trunk;

/**
 * Routes an authenticated INVITE to a bot. For the dialled user (Request-URI), then the To
 * user: a bot's own name reaches that bot (dial {@code echo}); a telephone number, normalized
 * to E.164 in the calling trunk's region, is looked up in the numbers table (a number bound
 * to a trunk matches only calls arriving on it). Nothing found: the calling trunk's default
 * bot, else the node's default bot when {@code bots.unknown-number} says so, else 404.
 *
 * <p>Thread-safe if its lookups are; blocks on them (a store query).
 */
final class CallRouter {
    private final Predicate<String> botExists;
    private final Function<String, Optional<NumberRoute>> numbers;
    private final Function<String, Optional<Trunk>> trunks;
    private final PhoneNumbers phoneNumbers = new PhoneNumbers();
    private final String defaultRegion;
    private final String defaultBot;
    private final boolean unknownToDefaultBot;

    /** Where a call goes: a bot, or a refusal. */
    sealed interface Route {
        record ToBot(String bot, String how) implements Route {}

        record Refuse(int status, String reason) implements Route {}
    }

    CallRouter(Predicate<String> botExists, Function<String, Optional<NumberRoute>> numbers,
            Function<String, Optional<Trunk>> trunks, String defaultRegion, String defaultBot,
            boolean unknownToDefaultBot) {
        this.botExists = botExists;
        this.numbers = numbers;
        this.trunks = trunks;
        this.defaultRegion = defaultRegion;
        this.defaultBot = defaultBot;
        this.unknownToDefaultBot = unknownToDefaultBot;
    }

    Route route(SipPrincipal principal, String dialled, String to) {
        Trunk trunk = principal != null && principal.kind() == SipPrincipal.Kind.TRUNK
                ? trunks.apply(principal.id()).orElse(null) : null;
        String region = trunk != null ? trunk.defaultRegion() : defaultRegion;
        Set<String> candidates = new LinkedHashSet<>();
        for (String c : new String[] {dialled, to}) {
            if (c != null && !c.isBlank()) {
                candidates.add(c.strip());
            }
        }
        for (String candidate : candidates) {
            String name = candidate.toLowerCase(Locale.ROOT);
            if (botExists.test(name)) {
                return new Route.ToBot(name, "bot name");
            }
            if (PhoneNumbers.isExtension(candidate)) {
                Optional<NumberRoute> extension = numbers.apply(candidate).filter(n -> reachableFrom(n, trunk));
                if (extension.isPresent()) {
                    return new Route.ToBot(extension.get().bot(), "extension " + candidate);
                }
            }
            Optional<String> e164 = phoneNumbers.toE164(candidate, region);
            if (e164.isPresent()) {
                Optional<NumberRoute> number = numbers.apply(e164.get()).filter(n -> reachableFrom(n, trunk));
                if (number.isPresent()) {
                    return new Route.ToBot(number.get().bot(), "number " + e164.get());
                }
            }
        }
        if (trunk != null && trunk.defaultBot() != null) {
            return new Route.ToBot(trunk.defaultBot(), "default bot of trunk " + trunk.name());
        }
        if (unknownToDefaultBot) {
            return new Route.ToBot(defaultBot, "node default bot");
        }
        return new Route.Refuse(404, "no route for " + String.join(" / ", candidates));
    }

    /** A number bound to a trunk matches only calls arriving on it. */
    private static boolean reachableFrom(NumberRoute number, Trunk trunk) {
        return number.trunk() == null || (trunk != null && number.trunk().equals(trunk.name()));
    }
}
