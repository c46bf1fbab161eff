package org.voxgate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The campaign store contract on an embedded H2 file database in PostgreSQL mode. */
class H2CampaignStoreTest extends AbstractCampaignStoreTest {

    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        return H2.fileConfig(dir);
    }
}
