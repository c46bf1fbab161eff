package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** API keys on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresApiKeyRepositoryTest extends AbstractApiKeyRepositoryTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
