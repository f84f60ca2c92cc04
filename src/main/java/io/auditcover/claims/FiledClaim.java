package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * An indemnity claim as its holder filed it, with what the rules decided at filing: approved (paid at settlement), denied, or
 * needs_assessment (then {@code assessment} is the panel's vote as it opened and {@code deposit} what the holder put down).
 * {@code evidence} is the position evidence the loss was proven on, kept so the explanation shows each number and its block;
 * null for a loss proven on balances of the cover's asset (their proof is the filing command's) or not proven. {@code depositors}
 * is the depositors' claim of a protocol-bought cover (then {@code claimedLoss} is their loss and {@code provenLoss} the loss
 * counted under the average clause); null for a claim of the insured wallet.
 */
public record FiledClaim(long claimId, long coverId, String poolId, String incidentId, String holder, Money claimedLoss, Money provenLoss,
        Instant filedAt, String reasonCode, Money approved, Assessment assessment, Money deposit, LossEvidence evidence,
        List<DepositorLoss> depositors) {

    public FiledClaim {
        // A record from before depositors' claims reads the missing list as empty: it is a claim of the insured wallet.
        depositors = depositors == null || depositors.isEmpty() ? null : List.copyOf(depositors);
    }

    /** A claim of the insured wallet. */
    public FiledClaim(long claimId, long coverId, String poolId, String incidentId, String holder, Money claimedLoss, Money provenLoss,
            Instant filedAt, String reasonCode, Money approved, Assessment assessment, Money deposit, LossEvidence evidence) {
        this(claimId, coverId, poolId, incidentId, holder, claimedLoss, provenLoss, filedAt, reasonCode, approved, assessment, deposit, evidence,
                null);
    }

    /** A claim proven on balances of the cover's asset, or not proven. */
    public FiledClaim(long claimId, long coverId, String poolId, String incidentId, String holder, Money claimedLoss, Money provenLoss,
            Instant filedAt, String reasonCode, Money approved, Assessment assessment, Money deposit) {
        this(claimId, coverId, poolId, incidentId, holder, claimedLoss, provenLoss, filedAt, reasonCode, approved, assessment, deposit, null);
    }
}
