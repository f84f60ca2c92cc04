package io.auditcover.claims;

import io.auditcover.cover.Cover;
import io.auditcover.cover.CoverBook;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.pool.PoolBook;

/**
 * What a claim decision reads: the claims book itself, the covers it pays, the pools that pay and bear it, and the evidence
 * (eligibility at the incident's block). Read only; the engine hands the books in.
 */
public record Books(ClaimBook claims, CoverBook covers, PoolBook pools, EvidenceBook evidence) {

    /** The claim terms frozen into the cover at purchase (the defaults of its asset when it was sold without any). */
    public ClaimTerms termsOf(Cover cover) {
        ClaimTerms terms = claims.coverClaimTerms().get(cover.id());
        return terms != null ? terms : ClaimTerms.defaultTerms(cover.amount().asset());
    }
}
