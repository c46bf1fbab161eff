package org.voxgate.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.opentest4j.TestAbortedException;

/** Trunks and numbers on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresTrunkRepositoryTest extends AbstractTrunkRepositoryTest {

    private static PostgresTestSchema schema;
    private static String skipReason;

    @BeforeAll
    static void createSchema() {
        try {
            schema = PostgresTestSchema.create();
        } catch (TestAbortedException e) {
            // Skip each test with the reason, so reports show skipped tests rather than none.
            skipReason = e.getMessage();
            System.err.println("WARNING: " + skipReason);
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    StoreConfig config() {
        Assumptions.assumeTrue(schema != null, () -> skipReason);
        return schema.config();
    }
}
