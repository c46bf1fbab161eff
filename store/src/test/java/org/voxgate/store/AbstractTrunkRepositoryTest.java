package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Trunks, numbers and outbound call columns, held to the same contract on H2 and PostgreSQL. */
abstract class AbstractTrunkRepositoryTest {

    private Store store;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM numbers");
            s.executeUpdate("DELETE FROM trunks");
            s.executeUpdate("DELETE FROM call_turns");
            s.executeUpdate("DELETE FROM calls");
        }
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static Trunk trunk(String name) {
        return new Trunk(name, "carrier.example", 5080, "udp", List.of("192.0.2.0/24", "198.51.100.7"),
                "in-user", "0123abcd", null, "out-user", "s3cret", true, 600, "+4420", "voxgate.example",
                "GB", List.of("PCMA", "PCMU"), 10, 2, "receptionist", true);
    }

    @Test
    void roundTripsUpdatesAndDeletesTrunks() {
        store.trunks().insert(trunk("b-carrier"));
        store.trunks().insert(trunk("a-carrier"));

        assertThat(store.trunks().find("b-carrier")).contains(trunk("b-carrier"));
        assertThat(store.trunks().list()).extracting(Trunk::name).containsExactly("a-carrier", "b-carrier");

        Trunk changed = new Trunk("a-carrier", null, 5060, "tcp", List.of(), null, null, null, null, null,
                false, 3600, null, null, "US", List.of("PCMU"), 0, 0, null, false);
        assertThat(store.trunks().update(changed)).isTrue();
        assertThat(store.trunks().find("a-carrier")).contains(changed);
        assertThat(store.trunks().update(trunk("missing"))).isFalse();

        assertThat(store.trunks().delete("a-carrier")).isTrue();
        assertThat(store.trunks().delete("a-carrier")).isFalse();
        assertThat(store.trunks().find("a-carrier")).isEmpty();
    }

    @Test
    void refusesADuplicateTrunkName() {
        store.trunks().insert(trunk("carrier"));
        assertThatThrownBy(() -> store.trunks().insert(trunk("carrier")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isDuplicateKey()).isTrue());
    }

    @Test
    void numbersRouteToBotsAndLoseTheirTrunkWhenItIsDeleted() {
        store.trunks().insert(trunk("carrier"));
        store.numbers().insert(new NumberRoute("+442071234567", "receptionist", "carrier"));
        store.numbers().insert(new NumberRoute("+14155550123", "echo", null));

        assertThat(store.numbers().find("+442071234567")).contains(new NumberRoute("+442071234567", "receptionist", "carrier"));
        assertThat(store.numbers().list()).extracting(NumberRoute::number).containsExactly("+14155550123", "+442071234567");
        assertThatThrownBy(() -> store.numbers().insert(new NumberRoute("+14155550123", "x", null)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isDuplicateKey()).isTrue());
        assertThatThrownBy(() -> store.numbers().insert(new NumberRoute("+14155550199", "x", "nope")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isPermanent()).isTrue());

        store.trunks().delete("carrier");
        assertThat(store.numbers().find("+442071234567")).contains(new NumberRoute("+442071234567", "receptionist", null));
        assertThat(store.numbers().update(new NumberRoute("+14155550123", "receptionist", null))).isTrue();
        assertThat(store.numbers().delete("+14155550123")).isTrue();
        assertThat(store.numbers().find("+14155550123")).isEmpty();
    }

    @Test
    void storesOutboundOutcomeTrunkAndSipStatus() {
        CallRecord call = new CallRecord("out-1", "outbound", "+442071234567", "+14155550123", "echo",
                TestData.T0, null, TestData.T0.plusSeconds(30), "no_answer", null, List.of(), "NO_ANSWER", "carrier", 487);
        store.calls().upsert(call);
        assertThat(store.calls().find("out-1")).contains(call);
        assertThat(store.calls().list(0, 10)).containsExactly(call);
    }

    @Test
    void trunkToStringNeverShowsSecrets() {
        assertThat(trunk("carrier").toString()).doesNotContain("s3cret").doesNotContain("0123abcd");
    }
}
