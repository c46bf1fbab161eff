package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.auth.SipPrincipal;
import org.voxgate.store.NumberRoute;
import org.voxgate.store.Trunk;

class CallRouterTest {
    private static Trunk trunk(String name, String region, String defaultBot) {
        return new Trunk(name, null, 5060, "udp", List.of(), null, null, null, null, null, false, 3600, null, null,
                region, List.of("PCMU"), 0, 0, defaultBot, true);
    }

    private final Map<String, NumberRoute> numbers = Map.of(
            "+442071234567", new NumberRoute("+442071234567", "receptionist", null),
            "+14155550123", new NumberRoute("+14155550123", "echo", "us-carrier"),
            "4000", new NumberRoute("4000", "echo", null),
            "*98", new NumberRoute("*98", "receptionist", "uk-carrier"));
    private final Map<String, Trunk> trunks = Map.of(
            "uk-carrier", trunk("uk-carrier", "GB", null),
            "us-carrier", trunk("us-carrier", "US", "receptionist"));

    private CallRouter router(boolean unknownToDefault) {
        return new CallRouter(Set.of("echo", "receptionist")::contains, n -> Optional.ofNullable(numbers.get(n)),
                t -> Optional.ofNullable(trunks.get(t)), "US", "receptionist", unknownToDefault);
    }


    @Test
    void dialledNumbersAreNormalizedInTheTrunksRegion() {
        CallRouter.Route route = router(false).route(SipPrincipal.trunk("uk-carrier"), "02071234567", "ignored");
        assertThat(route).isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("receptionist"));
    }

    @Test
    void theToUserIsTriedWhenTheRequestUriNamesNoNumber() {
        CallRouter.Route route = router(false).route(SipPrincipal.trunk("uk-carrier"), "voxgate", "+44 20 7123 4567");
        assertThat(route).isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("receptionist"));
    }

    @Test
    void extensionsMatchTheDialledUserExactly() {
        assertThat(router(false).route(SipPrincipal.user("alice"), "4000", null))
                .isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("echo"));
        assertThat(router(false).route(SipPrincipal.trunk("uk-carrier"), "*98", null))
                .isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("receptionist"));
        assertThat(router(false).route(SipPrincipal.user("alice"), "*98", null)).isInstanceOf(CallRouter.Route.Refuse.class);
        assertThat(router(false).route(SipPrincipal.user("alice"), "40000", null)).isInstanceOf(CallRouter.Route.Refuse.class);
    }

    @Test
    void aNumberBoundToATrunkMatchesOnlyCallsFromIt() {
        assertThat(router(false).route(SipPrincipal.trunk("us-carrier"), "4155550123", null))
                .isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("echo"));
        assertThat(router(false).route(SipPrincipal.user("alice"), "+14155550123", null))
                .isInstanceOf(CallRouter.Route.Refuse.class);
    }

    @Test
    void unknownNumbersGoToTheTrunksDefaultBotElse404OrTheNodesDefault() {
        assertThat(router(false).route(SipPrincipal.trunk("us-carrier"), "+12125550199", null))
                .isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("receptionist"));
        assertThat(router(false).route(SipPrincipal.trunk("uk-carrier"), "+12125550199", null))
                .isInstanceOfSatisfying(CallRouter.Route.Refuse.class, r -> assertThat(r.status()).isEqualTo(404));
        assertThat(router(true).route(SipPrincipal.trunk("uk-carrier"), "+12125550199", null))
                .isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("receptionist"));
    }

    @Test
    void aBotsNameReachesIt() {
        assertThat(router(false).route(SipPrincipal.user("alice"), "ECHO", null))
                .isInstanceOfSatisfying(CallRouter.Route.ToBot.class, r -> assertThat(r.bot()).isEqualTo("echo"));
    }
}
