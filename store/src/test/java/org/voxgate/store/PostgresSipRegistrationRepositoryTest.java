package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** SIP users and registrations on PostgreSQL, in a schema created for this class and dropped after. */
class PostgresSipRegistrationRepositoryTest extends AbstractSipRegistrationRepositoryTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
