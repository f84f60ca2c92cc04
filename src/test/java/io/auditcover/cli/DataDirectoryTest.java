package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where a command says the log is: the SQLite file, or the PostgreSQL URL with its password masked. */
class DataDirectoryTest {
    private static DataDirectory of(String url) {
        var directory = new DataDirectory();
        directory.path = Path.of("data");
        directory.databaseUrl = url;
        return directory;
    }

    @Test
    void the_sqlite_file_or_the_database_url_without_its_password() {
        assertThat(of(null).where()).isEqualTo(Path.of("data", "auditcover.db").toString());
        assertThat(of("jdbc:postgresql://db1:5432,db2:5432/log?user=ops&password=s3cret&targetServerType=primary").where())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5432/log?user=ops&password=***&targetServerType=primary");
        assertThat(of("jdbc:postgresql://ops:s3cret@db1/log").where()).isEqualTo("jdbc:postgresql://ops:***@db1/log");
    }
}
