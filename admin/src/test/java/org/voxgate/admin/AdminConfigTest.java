package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminConfigTest {

    @Test
    void validatesAndNamesTheKey() {
        assertThat(new AdminConfig(" 0.0.0.0 ", 8080).bindAddress()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> new AdminConfig("", 8080)).hasMessage("admin.bindAddress must not be blank");
        assertThatThrownBy(() -> new AdminConfig("127.0.0.1", 70_000))
                .hasMessageStartingWith("admin.port must be between 0 and 65535");
    }
}
