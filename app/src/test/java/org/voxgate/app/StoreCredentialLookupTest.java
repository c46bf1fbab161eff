package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.auth.DigestAlgorithm;
import org.voxgate.sip.auth.SipPrincipal;
import org.voxgate.store.SipUser;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/** SIP users' credentials from a real H2 store, with the short cache in front. */
class StoreCredentialLookupTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final AtomicLong millis = new AtomicLong(T0.toEpochMilli());
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
    };
    private Store store;
    private StoreCredentialLookup lookup;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("voxgate").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        lookup = new StoreCredentialLookup(store.sipUsers(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void enabledUsersOfTheRealmHaveCredentialsAndChangesShowAfterTheCacheLapses() {
        store.sipUsers().insert(SipUser.create("alice", "r", "password1", null, true, T0));
        var found = lookup.find("alice", "r").orElseThrow();
        assertThat(found.principal()).isEqualTo(SipPrincipal.user("alice"));
        assertThat(found.ha1(DigestAlgorithm.SHA_256)).isEqualTo(DigestAlgorithm.SHA_256.ha1("alice", "r", "password1"));
        assertThat(lookup.find("alice", "other-realm")).isEmpty();

        SipUser disabled = store.sipUsers().find("alice").orElseThrow().withProfile(null, false, T0);
        store.sipUsers().update(disabled);
        assertThat(lookup.find("alice", "r")).as("still cached").isPresent();
        millis.addAndGet(StoreCredentialLookup.TTL.toMillis());
        assertThat(lookup.find("alice", "r")).isEmpty();

        assertThat(lookup.find("bob", "r")).isEmpty();
        store.sipUsers().insert(SipUser.create("bob", "r", "password2", null, true, T0));
        millis.addAndGet(StoreCredentialLookup.TTL.toMillis());
        assertThat(lookup.find("bob", "r")).isPresent();
    }
}
