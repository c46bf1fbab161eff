package org.voxgate.store;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialling queue on an embedded H2 file database in PostgreSQL mode. */
class H2CallTaskRepositoryTest extends AbstractCallTaskRepositoryTest {

    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        return H2.fileConfig(dir);
    }

    @Test
    void threadsOfOneNodeClaimEveryTaskExactlyOnce() throws Exception {
        // The embedded database serves one node: one store, several threads.
        CallTaskRace.run(List.of(store), 4, 200);
    }
}
