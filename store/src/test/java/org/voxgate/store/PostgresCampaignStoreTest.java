package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The campaign store contract on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresCampaignStoreTest extends AbstractCampaignStoreTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
