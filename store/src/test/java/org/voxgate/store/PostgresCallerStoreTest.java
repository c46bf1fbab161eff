package org.voxgate.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Caller profiles, searches and analytics on PostgreSQL, in a schema of this class's own. */
class PostgresCallerStoreTest extends AbstractCallerStoreTest {

    @RegisterExtension
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @Override
    StoreConfig config() {
        return POSTGRES.config();
    }
}
