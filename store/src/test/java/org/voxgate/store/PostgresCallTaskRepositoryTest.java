package org.voxgate.store;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dialling queue on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresCallTaskRepositoryTest extends AbstractCallTaskRepositoryTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }

    @Test
    void twoNodesWithFourThreadsEachClaimEveryTaskExactlyOnce() throws Exception {
        // A second store is a second node: its own pool, the same database.
        try (Store other = Store.open(config())) {
            CallTaskRace.run(List.of(store, other), 4, 200);
        }
    }
}
