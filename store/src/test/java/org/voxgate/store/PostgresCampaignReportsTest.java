package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The campaign figures on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresCampaignReportsTest extends AbstractCampaignReportsTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
