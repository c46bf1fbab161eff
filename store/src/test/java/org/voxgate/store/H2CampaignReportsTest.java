package org.voxgate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The campaign figures on an embedded H2 file database in PostgreSQL mode. */
class H2CampaignReportsTest extends AbstractCampaignReportsTest {

    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        return H2.fileConfig(dir);
    }
}
