package io.auditcover.solvency;

import io.auditcover.evidence.EvidenceBook;
import io.auditcover.pool.PoolBook;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import java.util.Map;
import java.util.Optional;

/** What the solvency book accepts: a pool's policy, a protocol's dependencies, a run's record. Pure: reads the books. */
public final class SolvencyRecords {
    /** Longer than any fork parent, oracle, chain, bridge or auditor name DefiLlama lists. */
    public static final int GROUP_LENGTH_MAX = 64;

    private SolvencyRecords() {
    }

    /** invalid_command (no policy), pool_not_found. */
    public static Optional<Refusal> refusalToSetPolicy(PoolBook pools, String poolId, SolvencyPolicy policy) {
        if (policy == null) {
            return Optional.of(Refusal.of(Reason.INVALID_COMMAND, "a solvency policy is required"));
        }
        if (pools.pool(poolId) == null) {
            return Optional.of(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", poolId));
        }
        return Optional.empty();
    }

    /** solvency_input_invalid (no groups map, an unknown kind, a blank or long group), protocol_not_found. */
    public static Optional<Refusal> refusalToRecordDependencies(EvidenceBook evidence, String protocolId, Map<DependencyKind, String> groups) {
        if (groups == null) {
            return Optional.of(Refusal.of(Reason.SOLVENCY_INPUT_INVALID, "dependencies are a map of kind to group"));
        }
        for (var group : groups.entrySet()) {
            if (group.getKey() == null || group.getValue() == null || group.getValue().isBlank()
                    || group.getValue().length() > GROUP_LENGTH_MAX) {
                return Optional.of(Refusal.of(Reason.SOLVENCY_INPUT_INVALID, "each dependency names a kind (fork, oracle, chain, bridge,"
                        + " auditor) and a group of 1-" + GROUP_LENGTH_MAX + " characters"));
            }
        }
        if (evidence.protocol(protocolId) == null) {
            return Optional.of(Refusal.notFound(Reason.PROTOCOL_NOT_FOUND, "protocol", protocolId));
        }
        return Optional.empty();
    }

    /**
     * invalid_command (no assessment), solvency_book_empty (it names no pool), pool_not_found, solvency_input_invalid (a
     * model this build does not know, or a last cover beyond the book's), solvency_run_stale (the run id already recorded, or
     * a run older than the one in force).
     */
    public static Optional<Refusal> refusalToRecord(PoolBook pools, long lastCoverId, SolvencyBook solvency, SolvencyAssessment assessment) {
        if (assessment == null) {
            return Optional.of(Refusal.of(Reason.INVALID_COMMAND, "an assessment is required"));
        }
        if (assessment.pools().isEmpty()) {
            return Optional.of(Refusal.of(Reason.SOLVENCY_BOOK_EMPTY, "the assessment covers no pool"));
        }
        for (String poolId : assessment.pools().keySet()) {
            if (pools.pool(poolId) == null) {
                return Optional.of(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", poolId));
            }
        }
        if (!assessment.modelVersion().equals(CapitalModel.MODEL_VERSION)) {
            return Optional.of(Refusal.of(Reason.SOLVENCY_INPUT_INVALID, "this build runs capital model " + CapitalModel.MODEL_VERSION
                    + ", not " + assessment.modelVersion()));
        }
        if (assessment.coverIdThrough() > lastCoverId) {
            return Optional.of(Refusal.of(Reason.SOLVENCY_INPUT_INVALID, "the run names cover " + assessment.coverIdThrough()
                    + ", beyond the last sold (" + lastCoverId + ")"));
        }
        SolvencyAssessment current = solvency.assessment();
        if (current != null && (current.runId().equals(assessment.runId()) || assessment.coverIdThrough() < current.coverIdThrough()
                || assessment.assessedAt().isBefore(current.assessedAt()))) {
            return Optional.of(Refusal.of(Reason.SOLVENCY_RUN_STALE, "run " + current.runId() + " of " + current.assessedAt()
                    + " is in force; a run is recorded once and never replaced by an older one", Map.of("run_id", current.runId())));
        }
        return Optional.empty();
    }
}
