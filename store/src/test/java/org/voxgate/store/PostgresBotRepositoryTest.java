package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Bots and their versions on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresBotRepositoryTest extends AbstractBotRepositoryTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
