package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;
import org.voxgate.store.Trunk;

/** Trunks by source address from a real H2 store: overlapping CIDRs go to the longest match. */
class TrunkCacheTest {
    @TempDir Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("voxgate").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Trunk trunk(String name, String... sources) {
        return new Trunk(name, null, 5060, "udp", List.of(sources), null, null, null, null, null, false, 3600,
                null, null, "US", List.of("PCMU"), 0, 0, null, true);
    }

    @Test
    void aHostInsideAnotherTrunksNetworkBelongsToItsOwnTrunk() throws Exception {
        store.trunks().insert(trunk("a-carrier-net", "192.0.2.0/24"));
        store.trunks().insert(trunk("b-pbx", "192.0.2.10"));
        TrunkCache cache = new TrunkCache(store.trunks(), Clock.systemUTC(), 0);
        assertThat(cache.bySource(InetAddress.getByName("192.0.2.10")).map(Trunk::name)).contains("b-pbx");
        assertThat(cache.bySource(InetAddress.getByName("192.0.2.11")).map(Trunk::name)).contains("a-carrier-net");
    }
}
