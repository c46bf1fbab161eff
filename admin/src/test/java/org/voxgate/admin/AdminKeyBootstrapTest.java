package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.ApiKeyRepository;

/** The first admin key: from VOXGATE_ADMIN_KEY, or generated once. Over a real H2 store. */
class AdminKeyBootstrapTest extends AdminServerTestBase {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T08:00:00Z"), ZoneOffset.UTC);
    private final SecureRandom random = new SecureRandom();
    private ApiKeyRepository keys;

    @BeforeEach
    void open() {
        store = openStore();
        keys = store.apiKeys();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void withoutTheVariableAKeyIsGeneratedOnceOnly() {
        Optional<String> first = AdminKeyBootstrap.ensureAdminKey(keys, null, CLOCK, random);
        assertThat(first).hasValueSatisfying(k -> assertThat(k).matches("vxg_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}"));
        ApiKeyToken token = ApiKeyToken.parse(first.get()).orElseThrow();
        assertThat(keys.find(token.id()).orElseThrow().keyHash()).isEqualTo(token.hash());
        assertThat(keys.find(token.id()).orElseThrow().role()).isEqualTo("admin");

        assertThat(AdminKeyBootstrap.ensureAdminKey(keys, null, CLOCK, random)).isEmpty();
        assertThat(AdminKeyBootstrap.ensureAdminKey(keys, "  ", CLOCK, random)).isEmpty();
        assertThat(keys.count()).isEqualTo(1);
    }

    @Test
    void theVariableIsAddedOnceAndAChangedOneIsAddedBeside() {
        String fromEnv = "vxg_Env0Key1_" + "k".repeat(40);
        assertThat(AdminKeyBootstrap.ensureAdminKey(keys, fromEnv, CLOCK, random)).isEmpty();
        assertThat(AdminKeyBootstrap.ensureAdminKey(keys, fromEnv, CLOCK, random)).isEmpty();
        assertThat(keys.count()).isEqualTo(1);
        assertThat(keys.find("Env0Key1").orElseThrow().role()).isEqualTo("admin");
        assertThat(keys.find("Env0Key1").orElseThrow().name()).isEqualTo("VOXGATE_ADMIN_KEY");
        assertThat(ApiKeyToken.parse(fromEnv).orElseThrow().matches(keys.find("Env0Key1").orElseThrow().keyHash()))
                .isTrue();

        assertThat(AdminKeyBootstrap.ensureAdminKey(keys, "vxg_Env0Key2_" + "m".repeat(32), CLOCK, random)).isEmpty();
        assertThat(keys.countActive("admin")).isEqualTo(2);
    }

    @Test
    void aBadOrClashingVariableStopsStartUpNamingIt() {
        assertThatThrownBy(() -> AdminKeyBootstrap.ensureAdminKey(keys, "secret", CLOCK, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VOXGATE_ADMIN_KEY")
                .hasMessageNotContaining("secret\"");
        AdminKeyBootstrap.ensureAdminKey(keys, "vxg_Env0Key1_" + "k".repeat(40), CLOCK, random);
        assertThatThrownBy(() -> AdminKeyBootstrap.ensureAdminKey(keys, "vxg_Env0Key1_" + "z".repeat(40), CLOCK, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Env0Key1");
        assertThat(keys.count()).isEqualTo(1);
    }

    @Test
    void aRevokedVariableKeyStaysRevoked() {
        String fromEnv = "vxg_Env0Key1_" + "k".repeat(40);
        AdminKeyBootstrap.ensureAdminKey(keys, fromEnv, CLOCK, random);
        AdminKeyBootstrap.ensureAdminKey(keys, "vxg_Env0Key2_" + "k".repeat(40), CLOCK, random);
        assertThat(keys.revoke("Env0Key1", CLOCK.instant())).isEqualTo(ApiKeyRepository.Revocation.REVOKED);
        AdminKeyBootstrap.ensureAdminKey(keys, fromEnv, CLOCK, random);
        assertThat(keys.find("Env0Key1").orElseThrow().active()).isFalse();
    }
}
