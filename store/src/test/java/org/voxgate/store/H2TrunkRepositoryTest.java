package org.voxgate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Trunks and numbers on an embedded H2 file database in PostgreSQL mode. */
class H2TrunkRepositoryTest extends AbstractTrunkRepositoryTest {

    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        return H2.fileConfig(dir);
    }
}
