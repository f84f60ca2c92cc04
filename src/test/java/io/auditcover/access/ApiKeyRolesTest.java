package io.auditcover.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys carry a role, operator or auditor; a key made before roles, in an access.db of then, stays an operator's. */
class ApiKeyRolesTest {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path directory;

    @Test
    void an_auditors_key_is_known_as_an_auditor_and_an_operators_as_an_operator() {
        try (var store = AccessStore.open(directory)) {
            String auditor = store.createKey("audit-firm", Role.AUDITOR, NOW);
            String operator = store.createKey("ops", NOW);

            assertThat(store.keyHolder(auditor)).contains(new Principal.Auditor("audit-firm"));
            assertThat(store.keyHolder(operator)).contains(new Principal.Operator("ops"));
            assertThat(store.keys()).extracting(AccessStore.KeyInfo::name, AccessStore.KeyInfo::role)
                    .containsExactly(org.assertj.core.api.Assertions.tuple("audit-firm", Role.AUDITOR), org.assertj.core.api.Assertions.tuple("ops", Role.OPERATOR));
            assertThatThrownBy(() -> store.createKey("wallet", Role.WALLET, NOW)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("an operator's or an auditor's");
            assertThat(store.revokeKey("audit-firm", NOW)).isTrue();
            assertThat(store.keyHolder(auditor)).isEmpty();
        }
    }

    @Test
    void a_key_stored_before_roles_existed_is_an_operators() throws Exception {
        String key = AccessStore.KEY_PREFIX + "old-key-of-an-operator";
        try (var old = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(AccessStore.FILE_NAME)); var sql = old.createStatement()) {
            sql.execute("CREATE TABLE api_key (name TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)");
            sql.execute("INSERT INTO api_key VALUES ('ops', '" + AccessStore.sha256(key) + "', '" + NOW + "', NULL)");
        }
        try (var store = AccessStore.open(directory)) {
            assertThat(store.keyHolder(key)).contains(new Principal.Operator("ops"));
            assertThat(store.keys()).singleElement().extracting(AccessStore.KeyInfo::role).isEqualTo(Role.OPERATOR);
        }
        try (var again = AccessStore.open(directory)) {
            assertThat(again.keyHolder(key)).as("opening it again adds no second column").contains(new Principal.Operator("ops"));
        }
    }
}
