package io.auditcover.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnvilTest {
    @Test
    void a_missing_anvil_binary_fails_with_how_to_install_it() {
        assertThatThrownBy(() -> Anvil.binary("/nonexistent/anvil"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/anvil")
                .hasMessageContaining("npm install --no-save --prefix .tools @foundry-rs/anvil-linux-amd64");
    }

    @Test
    void the_configured_anvil_binary_is_installed() {
        assertThat(Anvil.binary()).isExecutable();
    }
}
