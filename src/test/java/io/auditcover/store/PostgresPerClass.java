package io.auditcover.store;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One throwaway {@link PostgresCluster} for a test class, started before its first test and deleted after its last; each test
 * takes a fresh database from {@link #newDatabase}. Register it as {@code @RegisterExtension static final PostgresPerClass}.
 */
public final class PostgresPerClass implements BeforeAllCallback, AfterAllCallback {
    private PostgresCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = PostgresCluster.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A new empty database on the class's server, its JDBC URL returned. */
    public String newDatabase() throws SQLException {
        return cluster.newDatabase();
    }
}
