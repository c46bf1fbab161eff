package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voxgate.store.TestData.T0;
import static org.voxgate.store.TestData.call;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bots, their versions and the version a call ran, held to the same contract on H2 and PostgreSQL. */
abstract class AbstractBotRepositoryTest {

    private Store store;
    private BotRepository bots;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws SQLException {
        store = Store.open(config());
        bots = store.bots();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM bot_versions");
            s.executeUpdate("DELETE FROM bots");
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

    private static String doc(String name, String greeting) {
        return "{\"name\":\"" + name + "\",\"mode\":\"cascade\",\"greeting\":\"" + greeting + "\"}";
    }

    @Test
    void createsVersionOneAndEachSaveAddsTheNextVersion() {
        BotVersion v1 = bots.create("clinic", doc("clinic", "one"), "admin-key", null);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.config()).isEqualTo(doc("clinic", "one"));
        assertThat(v1.createdBy()).isEqualTo("admin-key");
        assertThat(v1.createdAt()).isNotNull();

        BotVersion v2 = bots.saveVersion("clinic", doc("clinic", "two"), null, "friendlier").orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.comment()).isEqualTo("friendlier");

        BotRecord current = bots.current("clinic").orElseThrow();
        assertThat(current.currentVersion()).isEqualTo(2);
        assertThat(current.config()).isEqualTo(doc("clinic", "two"));
        assertThat(bots.currentVersion("clinic")).hasValue(2);
        assertThat(bots.version("clinic", 1)).contains(v1);
        assertThat(bots.version("clinic", 3)).isEmpty();
        assertThat(bots.versions("clinic", 0, 10)).extracting(BotVersion::version).containsExactly(2, 1);
        assertThat(bots.versions("clinic", 1, 10)).extracting(BotVersion::version).containsExactly(1);
        assertThat(bots.countVersions("clinic")).isEqualTo(2);
    }

    @Test
    void aDuplicateNameIsADuplicateKey() {
        bots.create("clinic", doc("clinic", "one"), null, null);
        assertThatThrownBy(() -> bots.create("clinic", doc("clinic", "again"), null, null))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isDuplicateKey()).isTrue());
        assertThat(bots.countVersions("clinic")).isEqualTo(1);
    }

    @Test
    void unknownBotsHaveNothing() {
        assertThat(bots.current("nobody")).isEmpty();
        assertThat(bots.currentVersion("nobody")).isEmpty();
        assertThat(bots.saveVersion("nobody", doc("nobody", "x"), null, null)).isEmpty();
        assertThat(bots.delete("nobody")).isFalse();
        assertThat(bots.versions("nobody", 0, 10)).isEmpty();
    }

    @Test
    void listsBotsByNameInPages() {
        bots.create("b-bot", doc("b-bot", "b"), null, null);
        bots.create("a-bot", doc("a-bot", "a"), null, null);
        bots.create("c-bot", doc("c-bot", "c"), null, null);
        bots.saveVersion("a-bot", doc("a-bot", "a2"), null, null);

        assertThat(bots.list(0, 2)).extracting(BotRecord::name).containsExactly("a-bot", "b-bot");
        assertThat(bots.list(2, 2)).extracting(BotRecord::name).containsExactly("c-bot");
        assertThat(bots.list(0, 1).get(0).currentVersion()).isEqualTo(2);
        assertThat(bots.list(0, 1).get(0).config()).isEqualTo(doc("a-bot", "a2"));
        assertThat(bots.count()).isEqualTo(3);
    }

    @Test
    void deletionHidesTheBotButKeepsItsVersionsAndARecreatedBotContinuesTheNumbering() {
        assertThat(bots.neverUsed()).isTrue();
        bots.create("clinic", doc("clinic", "one"), null, null);
        bots.saveVersion("clinic", doc("clinic", "two"), null, null);
        assertThat(bots.neverUsed()).isFalse();

        assertThat(bots.delete("clinic")).isTrue();
        assertThat(bots.neverUsed()).isFalse(); // deleted bots count: examples must not come back
        assertThat(bots.delete("clinic")).isFalse();
        assertThat(bots.current("clinic")).isEmpty();
        assertThat(bots.currentVersion("clinic")).isEmpty();
        assertThat(bots.list(0, 10)).isEmpty();
        assertThat(bots.count()).isZero();
        assertThat(bots.saveVersion("clinic", doc("clinic", "three"), null, null)).isEmpty();
        // calls keep referring to the versions they ran
        assertThat(bots.version("clinic", 2).orElseThrow().config()).isEqualTo(doc("clinic", "two"));

        BotVersion revived = bots.create("clinic", doc("clinic", "new"), null, null);
        assertThat(revived.version()).isEqualTo(3);
        assertThat(bots.current("clinic").orElseThrow().config()).isEqualTo(doc("clinic", "new"));
        assertThat(bots.version("clinic", 1).orElseThrow().config()).isEqualTo(doc("clinic", "one"));
    }

    @Test
    void concurrentSavesGetDistinctConsecutiveVersions() throws Exception {
        bots.create("busy", doc("busy", "0"), null, null);
        int writers = 4;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Callable<List<Integer>> task = () -> {
                    go.await();
                    List<Integer> got = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        got.add(bots.saveVersion("busy", doc("busy", writer + "-" + i), null, null)
                                .orElseThrow().version());
                    }
                    return got;
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> r : results) {
                all.addAll(r.get());
            }
            List<Integer> expected = new ArrayList<>();
            for (int v = 2; v <= 1 + writers * each; v++) {
                expected.add(v);
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(bots.currentVersion("busy")).hasValue(1 + writers * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallRecordsTheBotVersionItRanAndAnUpsertWithoutOneKeepsIt() {
        CallRecord started = call("c-1", T0).withBotVersion(4);
        store.calls().upsert(started);
        assertThat(store.calls().find("c-1").orElseThrow().botVersion()).isEqualTo(4);

        store.calls().upsert(call("c-1", T0)); // the end of the call, written without the version
        assertThat(store.calls().find("c-1").orElseThrow().botVersion()).isEqualTo(4);

        store.calls().upsert(call("c-2", T0));
        assertThat(store.calls().find("c-2").orElseThrow().botVersion()).isNull();
        assertThat(store.calls().list(0, 10)).extracting(CallRecord::botVersion).containsExactlyInAnyOrder(4, null);
    }
}
