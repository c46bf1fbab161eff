package org.voxgate.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Gives one PostgreSQL test class a fresh {@link PostgresTestSchema}, created before its
 * first test and dropped after its last. Register it in a static field:
 * {@code @RegisterExtension static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();}
 * and take each test's config from {@link #config()}.
 *
 * <p>When PostgreSQL is down every test of the class is skipped with the reason (so reports
 * show skipped tests rather than none), except under {@code CI=true}, where creating the
 * schema fails the class (see {@link PostgresTestSchema#create()}).
 *
 * <p>Threading: JUnit calls the callbacks and the tests of one class on one thread at a time.
 * Ownership: one instance per test class, which owns the schema through it.
 */
final class PostgresSchemaExtension implements BeforeAllCallback, AfterAllCallback {

    private PostgresTestSchema schema;
    private String skipReason;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            schema = PostgresTestSchema.create();
        } catch (TestAbortedException e) {
            // Skip each test with the reason, so reports show skipped tests rather than none.
            skipReason = e.getMessage();
            System.err.println("WARNING: " + skipReason);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    /** The config of this class's schema; skips the calling test when PostgreSQL is down. */
    StoreConfig config() {
        Assumptions.assumeTrue(schema != null, () -> skipReason);
        return schema.config();
    }
}
