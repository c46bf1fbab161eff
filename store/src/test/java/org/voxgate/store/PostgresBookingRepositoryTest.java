package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The booking contract on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresBookingRepositoryTest extends AbstractBookingRepositoryTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
