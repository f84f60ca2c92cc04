package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.evidence.Identifiers;
import io.auditcover.store.SqliteEventLog;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentIdentityTest {
    @TempDir
    Path directory;

    @Test
    void an_unidentified_log_gets_a_fresh_id_once_and_keeps_it() {
        String drawn;
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), new ManualClock(Instant.EPOCH), Engine.Settings.DEFAULT)) {
            drawn = DeploymentIdentity.ensure(engine, null);
            assertThat(Identifiers.isDeploymentId(drawn)).isTrue();
            assertThat(DeploymentIdentity.ensure(engine, null)).isEqualTo(drawn);
            assertThat(DeploymentIdentity.ensure(engine, drawn)).isEqualTo(drawn);
            assertThatThrownBy(() -> DeploymentIdentity.ensure(engine, "0x" + "01".repeat(32))).hasMessageContaining(drawn);
        }
        assertThat(DeploymentIdentity.draw()).isNotEqualTo(drawn).matches("0x[0-9a-f]{64}");
        assertThatThrownBy(() -> DeploymentIdentity.requestedOrDrawn("0xABC")).isInstanceOf(IllegalArgumentException.class);
    }
}
