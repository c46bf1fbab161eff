package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.ApiKeyRepository.Revocation;

/** API keys, run once per database by the subclasses. */
abstract class AbstractApiKeyRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    private Store store;
    private ApiKeyRepository keys;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        keys = store.apiKeys();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM api_keys");
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static ApiKey key(String id, String role, Instant created) {
        return new ApiKey(id, "key " + id, role, "ab".repeat(32), created, null, null);
    }

    @Test
    void keysAreInsertedOnceFoundListedOldestFirstAndCounted() {
        ApiKey admin = key("Adm1n000", "admin", T0);
        assertThat(keys.insert(admin)).isTrue();
        assertThat(keys.insert(key("Adm1n000", "viewer", T0))).isFalse();
        assertThat(keys.insert(key("v1ewer00", "viewer", T0.plusSeconds(2)))).isTrue();
        assertThat(keys.insert(key("0perat0r", "operator", T0.plusSeconds(1)))).isTrue();

        assertThat(keys.find("Adm1n000")).contains(admin);
        assertThat(keys.find("adm1n000")).as("ids are case-sensitive").isEmpty();
        assertThat(keys.list(0, 10)).extracting(ApiKey::id).containsExactly("Adm1n000", "0perat0r", "v1ewer00");
        assertThat(keys.list(1, 1)).extracting(ApiKey::id).containsExactly("0perat0r");
        assertThat(keys.count()).isEqualTo(3);
        assertThat(keys.countActive("admin")).isEqualTo(1);
        assertThat(keys.countActive("viewer")).isEqualTo(1);
        assertThat(admin.toString()).doesNotContain(admin.keyHash());
    }

    @Test
    void revokingKeepsTheRowAndNeverTheLastAdmin() {
        keys.insert(key("admin001", "admin", T0));
        keys.insert(key("viewer01", "viewer", T0));

        assertThat(keys.revoke("nobody00", T0)).isEqualTo(Revocation.UNKNOWN);
        assertThat(keys.revoke("admin001", T0)).isEqualTo(Revocation.LAST_ADMIN);
        assertThat(keys.find("admin001").orElseThrow().active()).isTrue();

        assertThat(keys.revoke("viewer01", T0.plusSeconds(9))).isEqualTo(Revocation.REVOKED);
        assertThat(keys.find("viewer01").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(keys.revoke("viewer01", T0.plusSeconds(20))).isEqualTo(Revocation.ALREADY_REVOKED);
        assertThat(keys.find("viewer01").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(9));

        keys.insert(key("admin002", "admin", T0));
        assertThat(keys.revoke("admin001", T0)).isEqualTo(Revocation.REVOKED);
        assertThat(keys.revoke("admin002", T0)).isEqualTo(Revocation.LAST_ADMIN);
        assertThat(keys.countActive("admin")).isEqualTo(1);
    }

    @Test
    void concurrentRevocationsOfTwoAdminsLeaveOne() throws Exception {
        for (int round = 0; round < 10; round++) {
            String a = "ra" + round + "aaaaa";
            String b = "rb" + round + "bbbbb";
            keys.insert(key(a, "admin", T0));
            keys.insert(key(b, "admin", T0));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Revocation>> both = List.of(() -> keys.revoke(a, T0), () -> keys.revoke(b, T0));
                List<Revocation> results = new ArrayList<>();
                for (Future<Revocation> f : pool.invokeAll(both)) {
                    results.add(f.get());
                }
                assertThat(results).containsExactlyInAnyOrder(Revocation.REVOKED, Revocation.LAST_ADMIN);
            } finally {
                pool.shutdownNow();
            }
            assertThat(keys.countActive("admin")).isEqualTo(1);
            // leave no admin behind for the next round
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM api_keys");
            }
        }
    }

    @Test
    void touchRecordsTheLastUse() {
        keys.insert(key("used0000", "operator", T0));
        keys.touch("used0000", T0.plusSeconds(60));
        assertThat(keys.find("used0000").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    }
}
