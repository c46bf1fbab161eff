package org.voxgate.sip.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.testing.MutableClock;

class LocationServiceTest {
    private static final String AOR = "sip:alice@voxgate.test";
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final MemoryLocationStore store = new MemoryLocationStore();
    private final LocationService location = new LocationService(store, "voxgate.test", 3, clock);

    private static BindingRequest register(String callId, long cseq, ContactUpdate... contacts) {
        return new BindingRequest(AOR, List.of(contacts), false, callId, cseq, "192.0.2.1", 40000, "udp", "phone/1");
    }

    @Test
    void bindingsAreAddedRefreshedAndWrittenThrough() {
        RegisterOutcome first = location.apply(register("c1", 1, new ContactUpdate("sip:alice@10.0.0.2:5060", 600, 1.0f),
                new ContactUpdate("sip:alice@10.0.0.3:5060", 600, 0.5f)));
        assertThat(first).isInstanceOfSatisfying(RegisterOutcome.Applied.class,
                a -> assertThat(a.bindings()).extracting(Binding::contact)
                        .containsExactly("sip:alice@10.0.0.2:5060", "sip:alice@10.0.0.3:5060"));
        assertThat(store.rows).hasSize(2);
        clock.advanceMillis(100_000);
        location.apply(register("c1", 2, new ContactUpdate("sip:alice@10.0.0.3:5060", 600, 0.5f)));
        Binding refreshed = location.lookup(AOR).get(1);
        assertThat(refreshed.cseq()).isEqualTo(2);
        assertThat(refreshed.secondsLeft(clock.instant())).isEqualTo(600);
        assertThat(location.lookupUser("alice")).hasSize(2);
        assertThat(refreshed.target().getPort()).isEqualTo(40000);
        assertThat(refreshed.behindNat()).isTrue();
    }

    @Test
    void anOldOrRepeatedCSeqOfTheSameCallIdChangesNothing() {
        location.apply(register("c1", 5, new ContactUpdate("sip:a@10.0.0.2", 600, 1f)));
        assertThat(location.apply(register("c1", 5, new ContactUpdate("sip:a@10.0.0.2", 0, 1f))))
                .isInstanceOf(RegisterOutcome.OutOfOrder.class);
        assertThat(location.apply(new BindingRequest(AOR, List.of(), true, "c1", 4, "192.0.2.1", 1, "udp", null)))
                .isInstanceOf(RegisterOutcome.OutOfOrder.class);
        assertThat(location.lookup(AOR)).hasSize(1);
        // another Call-ID (the phone rebooted) may change it whatever its CSeq
        assertThat(location.apply(register("c2", 1, new ContactUpdate("sip:a@10.0.0.2", 0, 1f))))
                .isEqualTo(new RegisterOutcome.Applied(List.of(), clock.instant()));
        assertThat(store.rows).isEmpty();
    }

    @Test
    void removalByExpiresZeroAndByWildcard() {
        location.apply(register("c1", 1, new ContactUpdate("sip:a@h1", 600, 1f), new ContactUpdate("sip:a@h2", 600, 1f)));
        location.apply(register("c1", 2, new ContactUpdate("sip:a@h1", 0, 1f)));
        assertThat(location.lookup(AOR)).extracting(Binding::contact).containsExactly("sip:a@h2");
        location.apply(new BindingRequest(AOR, List.of(), true, "c1", 3, "192.0.2.1", 1, "udp", null));
        assertThat(location.lookup(AOR)).isEmpty();
        assertThat(location.liveBindings()).isEmpty();
        assertThat(store.rows).isEmpty();
    }

    @Test
    void removeAllForgetsEveryBindingOfTheAor() {
        location.apply(register("c1", 1, new ContactUpdate("sip:a@h1", 600, 1f), new ContactUpdate("sip:a@h2", 600, 1f)));
        assertThat(location.removeAll(AOR)).isEqualTo(2);
        assertThat(location.lookup(AOR)).isEmpty();
        assertThat(store.rows).isEmpty();
        assertThat(location.removeAll(AOR)).isZero();
    }

    @Test
    void anAorHoldsAtMostTheConfiguredContacts() {
        location.apply(register("c1", 1, new ContactUpdate("sip:a@h1", 600, 1f), new ContactUpdate("sip:a@h2", 600, 1f),
                new ContactUpdate("sip:a@h3", 600, 1f)));
        assertThat(location.apply(register("c9", 1, new ContactUpdate("sip:a@h4", 600, 1f))))
                .isEqualTo(new RegisterOutcome.TooManyContacts(3));
        assertThat(location.lookup(AOR)).hasSize(3);
    }

    @Test
    void expiredBindingsVanishAtOnceAndArePurgedFromTheStore() {
        location.apply(register("c1", 1, new ContactUpdate("sip:a@h1", 60, 1f), new ContactUpdate("sip:a@h2", 120, 1f)));
        clock.advanceMillis(60_000);
        assertThat(location.lookup(AOR)).extracting(Binding::contact).containsExactly("sip:a@h2");
        assertThat(location.purgeExpired()).isEqualTo(1);
        assertThat(store.rows).hasSize(1);
        clock.advanceMillis(60_000);
        assertThat(location.purgeExpired()).isEqualTo(1);
        assertThat(store.rows).isEmpty();
        assertThat(location.liveBindings()).isEmpty();
    }

    @Test
    void aRestartRestoresLiveBindingsOnly() {
        location.apply(register("c1", 1, new ContactUpdate("sip:a@h1", 60, 1f), new ContactUpdate("sip:a@h2", 600, 1f)));
        clock.advanceMillis(61_000);
        LocationService restarted = new LocationService(store, "voxgate.test", 3, clock);
        assertThat(restarted.restore()).isEqualTo(1);
        assertThat(restarted.lookup(AOR)).extracting(Binding::contact).containsExactly("sip:a@h2");
    }

    @Test
    void aStoreOutageKeepsServingFromMemory() {
        store.failing = true;
        assertThat(location.apply(register("c1", 1, new ContactUpdate("sip:a@h1", 60, 1f))))
                .isInstanceOf(RegisterOutcome.Applied.class);
        assertThat(location.lookup(AOR)).hasSize(1);
        assertThat(location.purgeExpired()).isZero();
    }

    @Test
    void natDetectionComparesContactWithSource() {
        Binding direct = new Binding(AOR, "sip:alice@192.0.2.1:40000;transport=udp", "192.0.2.1", 40000, "udp",
                clock.instant().plusSeconds(60), "c", 1, null, 1f, clock.instant());
        assertThat(direct.behindNat()).isFalse();
        Binding defaultPort = new Binding(AOR, "sip:192.0.2.1", "192.0.2.1", 5060, "udp",
                clock.instant().plusSeconds(60), "c", 1, null, 1f, clock.instant());
        assertThat(defaultPort.behindNat()).isFalse();
        Binding nated = new Binding(AOR, "sip:alice@10.1.1.1:5060", "192.0.2.1", 5060, "udp",
                clock.instant().plusSeconds(60), "c", 1, null, 1f, clock.instant());
        assertThat(nated.behindNat()).isTrue();
        Binding otherPort = new Binding(AOR, "sip:alice@192.0.2.1:6000", "192.0.2.1", 40000, "udp",
                clock.instant().plusSeconds(60), "c", 1, null, 1f, clock.instant());
        assertThat(otherPort.behindNat()).as("a reachable Contact is used as it is").isFalse();
        Binding samePrivate = new Binding(AOR, "sip:alice@10.1.1.1:5060", "10.1.1.1", 5060, "udp",
                clock.instant().plusSeconds(60), "c", 1, null, 1f, clock.instant());
        assertThat(samePrivate.behindNat()).as("a private LAN without NAT").isFalse();
    }
}
