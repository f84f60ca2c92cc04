package io.auditcover.claims;

import io.auditcover.reason.Reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Attestations.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttestationsTest {
    static final String ORACLE_A = "0x" + "a".repeat(40);
    static final String ORACLE_B = "0x" + "b".repeat(40);
    static final String ORACLE_C = "0x" + "c".repeat(40);
    static final String STRANGER = "0x" + "d".repeat(40);
    static final AttestationRules TWO_OF_THREE = new AttestationRules(Set.of(ORACLE_A, ORACLE_B, ORACLE_C), 2, Duration.ofDays(2),
            Duration.ofDays(1));
    static final Instant REPORTED = Instant.parse("2026-03-01T00:00:00Z");

    static Instant hours(long hours) {
        return REPORTED.plus(Duration.ofHours(hours));
    }

    @Test
    void k_distinct_oracles_confirm_and_the_dispute_window_then_makes_it_final() {
        var attestations = Attestations.reported("inc-1", TWO_OF_THREE, REPORTED).attest(ORACLE_A, hours(1));
        assertThat(attestations.statusAt(hours(2))).isEqualTo(Status.PENDING);
        var confirmed = attestations.attest(ORACLE_C, hours(3));
        assertThat(confirmed.confirmedAt()).contains(hours(3));
        assertThat(confirmed.statusAt(hours(4))).isEqualTo(Status.CONFIRMED);
        assertThat(confirmed.statusAt(hours(27))).isEqualTo(Status.FINAL);
    }

    @Test
    void unknown_signers_and_second_signatures_are_refused_with_their_codes() {
        var attestations = Attestations.reported("inc-1", TWO_OF_THREE, REPORTED).attest(ORACLE_A, hours(1));
        assertThat(attestations.refusalToAttest(STRANGER, hours(2))).contains(Reason.UNKNOWN_ORACLE);
        assertThat(attestations.refusalToAttest(ORACLE_A, hours(2))).contains(Reason.DUPLICATE_ATTESTATION);
        assertThat(attestations.refusalToAttest(ORACLE_B, hours(2))).isEmpty();
    }

    @Test
    void an_incident_without_k_attestations_in_time_is_rejected() {
        var attestations = Attestations.reported("inc-1", TWO_OF_THREE, REPORTED).attest(ORACLE_A, hours(1));
        assertThat(attestations.statusAt(hours(48))).isEqualTo(Status.PENDING);
        assertThat(attestations.statusAt(hours(49))).isEqualTo(Status.REJECTED);
        assertThat(attestations.refusalToAttest(ORACLE_B, hours(49))).contains(Reason.ATTESTATION_WINDOW_CLOSED);
    }

    @Test
    void k_disputes_inside_the_window_reject_a_confirmed_incident() {
        var confirmed = Attestations.reported("inc-1", TWO_OF_THREE, REPORTED).attest(ORACLE_A, hours(1)).attest(ORACLE_B, hours(2));
        assertThat(confirmed.refusalToDispute(ORACLE_C, hours(30))).contains(Reason.DISPUTE_WINDOW_CLOSED);
        var disputed = confirmed.dispute(ORACLE_C, hours(3));
        assertThat(disputed.statusAt(hours(4))).isEqualTo(Status.CONFIRMED);
        assertThat(disputed.refusalToDispute(ORACLE_C, hours(4))).contains(Reason.DUPLICATE_DISPUTE);
        assertThat(disputed.dispute(ORACLE_A, hours(5)).statusAt(hours(30))).isEqualTo(Status.REJECTED);
    }
}
