package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreConfigTest {

    @Test
    void acceptsH2AndPostgresUrls() {
        assertThat(new StoreConfig(" jdbc:h2:mem:x ", null, null, 1).jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(new StoreConfig("jdbc:postgresql://db/voxgate", "u", "p", 10).maxPoolSize()).isEqualTo(10);
    }

    @Test
    void namesTheOffendingKey() {
        assertThatThrownBy(() -> new StoreConfig(" ", null, null, 1))
                .hasMessage("store.url must not be blank");
        assertThatThrownBy(() -> new StoreConfig("jdbc:mysql://db/x", null, null, 1))
                .hasMessageStartingWith("store.url must start with jdbc:h2: or jdbc:postgresql:");
        assertThatThrownBy(() -> new StoreConfig("jdbc:h2:mem:x", null, null, 0))
                .hasMessageStartingWith("store.maxPoolSize must be at least 1");
    }

    @Test
    void toStringHidesThePassword() {
        String text = new StoreConfig("jdbc:postgresql://db/x?password=secret", "u", "hunter2", 2).toString();
        assertThat(text).doesNotContain("hunter2").doesNotContain("secret");
    }

    @Test
    void openFailsWithAStoreExceptionWhenTheDatabaseIsUnreachable() {
        // Port 1 on loopback refuses connections at once, so this does not wait for timeouts.
        StoreConfig config = new StoreConfig("jdbc:postgresql://127.0.0.1:1/none", "x", null, 1);
        assertThatThrownBy(() -> Store.open(config)).isInstanceOf(StoreException.class);
    }
}
