package org.voxgate.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.testing.MutableClock;

/** Signed stateless nonces and the bounded nonce-count table. */
class NonceTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final NonceService nonces = new NonceService(new SecureRandom(), clock, Duration.ofSeconds(30));

    @Test
    void aNonceCarriesItsIssueTimeAndExpires() {
        String nonce = nonces.issue();
        Instant issued = nonces.issuedAt(nonce).orElseThrow();
        assertThat(issued).isEqualTo(clock.instant());
        clock.advanceMillis(30_000);
        assertThat(nonces.expired(issued)).isFalse();
        clock.advanceMillis(1);
        assertThat(nonces.expired(issued)).isTrue();
    }

    @Test
    void tamperedOrForeignNoncesAreRefused() {
        String nonce = nonces.issue();
        char last = nonce.charAt(5);
        String tampered = nonce.substring(0, 5) + (last == 'A' ? 'B' : 'A') + nonce.substring(6);
        assertThat(nonces.issuedAt(tampered)).isEmpty();
        assertThat(nonces.issuedAt("dcd98b7102dd2f0e8b11d0f600bfb0c093")).isEmpty();
        assertThat(nonces.issuedAt("not base64 !")).isEmpty();
        NonceService otherNode = new NonceService(new SecureRandom(), clock, Duration.ofSeconds(30));
        assertThat(otherNode.issuedAt(nonce)).isEmpty();
    }

    @Test
    void countsMustIncreasePerNonce() {
        NonceCounter counter = new NonceCounter(10);
        Instant t = clock.instant();
        assertThat(counter.accept("n1", t, 1, Instant.MIN)).isTrue();
        assertThat(counter.accept("n1", t, 1, Instant.MIN)).isFalse();
        assertThat(counter.accept("n1", t, 3, Instant.MIN)).isTrue();
        assertThat(counter.accept("n1", t, 2, Instant.MIN)).isFalse();
        assertThat(counter.accept("n2", t, 1, Instant.MIN)).isTrue();
    }

    @Test
    void memoryIsBoundedAndForgottenNoncesAreNeverAcceptedAgain() {
        NonceCounter counter = new NonceCounter(3);
        Instant t = clock.instant();
        for (int i = 0; i < 5; i++) {
            assertThat(counter.accept("n" + i, t.plusMillis(i), 1, Instant.MIN)).isTrue();
        }
        assertThat(counter.size()).isEqualTo(3);
        // n0 and n1 were pushed out: replaying them is refused, not forgotten
        assertThat(counter.accept("n0", t, 1, Instant.MIN)).isFalse();
        assertThat(counter.accept("n1", t.plusMillis(1), 2, Instant.MIN)).isFalse();
        // a nonce issued after the forgotten ones is still welcome
        assertThat(counter.accept("n9", t.plusMillis(9), 1, Instant.MIN)).isTrue();
    }

    @Test
    void expiredNoncesLeaveTheTable() {
        NonceCounter counter = new NonceCounter(100);
        Instant t = clock.instant();
        counter.accept("old", t, 1, Instant.MIN);
        counter.accept("new", t.plusSeconds(60), 1, Instant.MIN);
        counter.accept("newer", t.plusSeconds(61), 1, t.plusSeconds(30));
        assertThat(counter.size()).isEqualTo(2);
    }
}
