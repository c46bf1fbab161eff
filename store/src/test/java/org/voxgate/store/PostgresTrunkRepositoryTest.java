package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Trunks and numbers on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresTrunkRepositoryTest extends AbstractTrunkRepositoryTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
