package io.auditcover.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.evidence.DeployedContract.ProxyImplementation;
import java.util.List;
import org.junit.jupiter.api.Test;

class EligibilityHistoryTest {
    static final String KEY = "1:0x00000000000000000000000000000000000000a1";
    static final String PROXY_HASH = "0x" + "1".repeat(64);
    static final ProxyImplementation AUDITED = new ProxyImplementation("0x00000000000000000000000000000000000000b1", "0x" + "2".repeat(64));
    static final ProxyImplementation OTHER = new ProxyImplementation("0x00000000000000000000000000000000000000b2", "0x" + "3".repeat(64));

    static CodeObservation seen(ProxyImplementation implementation, String auditId) {
        return new CodeObservation(KEY, PROXY_HASH, true, implementation, auditId, null);
    }

    @Test
    void each_block_falls_in_the_last_period_that_started_at_or_before_it() {
        var history = new EligibilityHistory(KEY, List.of(
                new EligibilityPeriod(10, true, "a1", null, PROXY_HASH, AUDITED),
                new EligibilityPeriod(20, false, null, OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION, PROXY_HASH, OTHER)));

        assertThat(history.at(9)).isEmpty();
        assertThat(history.at(10).orElseThrow().inScope()).isTrue();
        assertThat(history.at(19).orElseThrow().inScope()).isTrue();
        assertThat(history.at(20).orElseThrow().inScope()).isFalse();
        assertThat(history.at(1_000_000).orElseThrow().fromBlock()).isEqualTo(20);
    }

    @Test
    void an_implementation_change_to_unaudited_code_is_an_upgrade_and_a_first_unaudited_sighting_is_unknown_code() {
        var history = EligibilityHistory.start(KEY, EligibilityHistory.next(null, seen(AUDITED, "a1"), 10).orElseThrow());

        assertThat(EligibilityHistory.next(history, seen(OTHER, null), 20).orElseThrow().reason())
                .isEqualTo(OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION);
        assertThat(EligibilityHistory.next(null, seen(OTHER, null), 20).orElseThrow().reason()).isEqualTo(OutOfScopeReason.UNKNOWN_CODE);
        assertThat(EligibilityHistory.next(history, seen(AUDITED, "a2"), 30)).as("a second audit of the same code").isEmpty();
    }

    @Test
    void an_address_that_lost_its_code_is_self_destructed_and_stays_so_without_new_periods() {
        var gone = new CodeObservation(KEY, "0x" + "4".repeat(64), false, null, null, null);
        var history = EligibilityHistory.start(KEY, EligibilityHistory.next(null, seen(AUDITED, "a1"), 10).orElseThrow());
        var destroyed = EligibilityHistory.next(history, gone, 15).orElseThrow();

        assertThat(destroyed.reason()).isEqualTo(OutOfScopeReason.SELF_DESTRUCTED);
        assertThat(EligibilityHistory.next(history.with(destroyed), gone, 16)).isEmpty();
    }

    @Test
    void periods_must_start_at_increasing_blocks() {
        var first = new EligibilityPeriod(10, true, "a1", null, PROXY_HASH, AUDITED);
        assertThatThrownBy(() -> EligibilityHistory.start(KEY, first).with(first)).isInstanceOf(IllegalArgumentException.class);
    }
}
