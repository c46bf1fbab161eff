package org.voxgate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Bots and their versions on an embedded H2 file database in PostgreSQL mode. */
class H2BotRepositoryTest extends AbstractBotRepositoryTest {

    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        return H2.fileConfig(dir);
    }
}
