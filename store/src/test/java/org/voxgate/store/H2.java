package org.voxgate.store;

import java.nio.file.Path;

/** The H2 URL the tests use: the recommended embedded settings on a temporary file. */
final class H2 {

    private H2() {
    }

    static StoreConfig fileConfig(Path dir) {
        return new StoreConfig("jdbc:h2:file:" + dir.resolve("voxgate").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa", "", 4);
    }
}
