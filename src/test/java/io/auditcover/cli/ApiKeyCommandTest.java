package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apikey create --role}: an operator's key by default, an auditor's on request, and nothing else. */
class ApiKeyCommandTest {
    @TempDir
    Path directory;

    @Test
    void an_auditors_key_is_created_and_listed_with_its_role_and_another_role_is_refused() {
        String data = directory.toString();
        var auditor = CliRun.of("apikey", "create", "audit-firm", "--role", "auditor", "--data", data);
        var operator = CliRun.of("apikey", "create", "ops", "--data", data);
        var wallet = CliRun.of("apikey", "create", "someone", "--role", "wallet", "--data", data);

        assertThat(auditor.exitCode()).as(auditor.err()).isZero();
        assertThat(auditor.out().strip()).startsWith("ac_");
        assertThat(auditor.err()).contains("created auditor key audit-firm");
        assertThat(operator.exitCode()).isZero();
        assertThat(wallet.exitCode()).isEqualTo(2);
        assertThat(wallet.err()).contains("--role is operator or auditor, not wallet");
        var listed = CliRun.of("apikey", "list", "--data", data);
        assertThat(listed.out().lines().toList()).hasSize(2).anySatisfy(line -> assertThat(line).startsWith("audit-firm").contains(" auditor "))
                .anySatisfy(line -> assertThat(line).startsWith("ops").contains(" operator "));
    }
}
