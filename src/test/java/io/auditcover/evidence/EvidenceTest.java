package io.auditcover.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTest {
    static final String PROXY_CODE = "0x" + "1".repeat(64);
    static final String IMPLEMENTATION_CODE = "0x" + "2".repeat(64);
    static final String ADDRESS = "0x" + "a".repeat(40);

    static AuditReport auditOf(String... hashes) {
        return new AuditReport("audit-1", "lendwell", "Trail of Bits", LocalDate.of(2025, 5, 1), "abc1234", List.of(hashes),
                List.of(new Finding("h-1", Severity.HIGH, FindingStatus.OPEN), new Finding("m-1", Severity.MEDIUM, FindingStatus.FIXED)));
    }

    @Test
    void the_covered_code_of_a_proxy_is_its_implementation() {
        var proxy = new DeployedContract("lendwell", 1, ADDRESS, PROXY_CODE,
                new DeployedContract.ProxyImplementation("0x" + "b".repeat(40), IMPLEMENTATION_CODE));
        assertThat(proxy.coveredCodeHash()).isEqualTo(IMPLEMENTATION_CODE);
        assertThat(AuditScope.inScope(proxy, List.of(auditOf(PROXY_CODE)))).isFalse();
        assertThat(AuditScope.inScope(proxy, List.of(auditOf(IMPLEMENTATION_CODE)))).isTrue();
    }

    @Test
    void unresolved_findings_are_counted_by_severity() {
        assertThat(auditOf(PROXY_CODE).unresolvedFindings(Severity.HIGH)).isEqualTo(1);
        assertThat(auditOf(PROXY_CODE).unresolvedFindings(Severity.MEDIUM)).isZero();
    }

    @Test
    void malformed_addresses_hashes_and_ids_are_refused() {
        assertThatThrownBy(() -> new DeployedContract("lendwell", 1, "0xABC", PROXY_CODE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeployedContract("lendwell", 1, ADDRESS, "0x12", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Protocol("Lend Well", "Lendwell", "lending")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> auditOf()).isInstanceOf(IllegalArgumentException.class);
    }
}
