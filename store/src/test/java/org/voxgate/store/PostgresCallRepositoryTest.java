package org.voxgate.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The repository contract on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresCallRepositoryTest extends AbstractCallRepositoryTest {

    private static PostgresTestSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresTestSchema.create();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    StoreConfig config() {
        return schema.config();
    }
}
