package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIP users and registrations, run once per database by the subclasses. */
abstract class AbstractSipRegistrationRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    private Store store;
    private SipUserRepository users;
    private RegistrationRepository registrations;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        users = store.sipUsers();
        registrations = store.registrations();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM registrations");
            s.executeUpdate("DELETE FROM sip_users");
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void usersAreCreatedOnceFoundUpdatedListedAndDeleted() {
        SipUser alice = SipUser.create("alice", "voxgate.test", "wonderland", "Alice", true, T0);
        assertThat(users.insert(alice)).isTrue();
        assertThat(users.insert(SipUser.create("alice", "voxgate.test", "other", null, true, T0))).isFalse();
        assertThat(users.find("alice")).contains(alice);
        assertThat(alice.ha1Md5()).hasSize(32);
        assertThat(alice.ha1Sha256()).hasSize(64);

        SipUser changed = alice.withPassword("voxgate.test", "looking-glass", T0.plusSeconds(5))
                .withProfile("Alice L.", false, T0.plusSeconds(5));
        assertThat(users.update(changed)).isTrue();
        assertThat(users.find("alice")).contains(changed);
        assertThat(changed.ha1Md5()).isNotEqualTo(alice.ha1Md5());
        assertThat(users.update(SipUser.create("nobody", "r", "p", null, true, T0))).isFalse();

        users.insert(SipUser.create("bob", "voxgate.test", "pw", null, true, T0));
        assertThat(users.list(0, 10)).extracting(SipUser::username).containsExactly("alice", "bob");
        assertThat(users.list(1, 10)).extracting(SipUser::username).containsExactly("bob");
        assertThat(users.count()).isEqualTo(2);
        assertThat(users.delete("alice")).isTrue();
        assertThat(users.delete("alice")).isFalse();
        assertThat(users.find("alice")).isEmpty();
    }

    @Test
    void theHa1IsTheRfc7616One() {
        SipUser mufasa = SipUser.create("Mufasa", "http-auth@example.org", "Circle of Life", null, true, T0);
        // the app's test checks these against the SIP server's DigestAlgorithm and the RFC vectors
        assertThat(mufasa.ha1Md5()).isEqualTo(md5("Mufasa:http-auth@example.org:Circle of Life"));
        assertThat(mufasa.toString()).doesNotContain(mufasa.ha1Md5());
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static RegistrationRecord binding(String aor, String contact, Instant expiresAt, long cseq) {
        return new RegistrationRecord(aor, contact, "192.0.2.7", 40123, "udp", expiresAt, "call-1", cseq, "phone/1.0",
                0.5f, T0);
    }

    @Test
    void registrationsAreUpsertedByAorAndContactAndPurgedWhenExpired() {
        RegistrationRecord a1 = binding("sip:alice@voxgate.test", "sip:alice@10.0.0.2:5060", T0.plusSeconds(60), 1);
        registrations.upsert(a1);
        RegistrationRecord refreshed = binding("sip:alice@voxgate.test", "sip:alice@10.0.0.2:5060", T0.plusSeconds(600), 2);
        registrations.upsert(refreshed);
        RegistrationRecord a2 = binding("sip:alice@voxgate.test", "sip:alice@10.0.0.3:5060;transport=tcp", T0.plusSeconds(30), 1);
        registrations.upsert(a2);
        RegistrationRecord b = new RegistrationRecord("sip:bob@voxgate.test", "sip:bob@[2001:db8::1]:5060", "2001:db8::1",
                5060, "tcp", T0.plusSeconds(90), "call-2", 7, null, 1.0f, T0);
        registrations.upsert(b);

        assertThat(registrations.listAll()).containsExactly(refreshed, a2, b);
        assertThat(registrations.listLive(T0.plusSeconds(30))).containsExactly(refreshed, b);
        assertThat(registrations.deleteExpired(T0.plusSeconds(30))).isEqualTo(1);
        registrations.delete("sip:bob@voxgate.test", "sip:bob@[2001:db8::1]:5060");
        registrations.delete("sip:bob@voxgate.test", "sip:none");
        assertThat(registrations.listAll()).containsExactly(refreshed);
    }
}
