package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The repository contract on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresCallRepositoryTest extends AbstractCallRepositoryTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
