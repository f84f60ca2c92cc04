/**
 * Claims against covers. An {@link io.auditcover.claims.Incident} is confirmed by k-of-n oracle
 * {@link io.auditcover.claims.Attestations}; each cover's frozen {@link io.auditcover.claims.ClaimTerms}
 * say whether it pays parametrically or against proven loss; {@link io.auditcover.claims.ClaimRules}
 * checks the machine-checkable rules in {@link io.auditcover.claims.Rule} order and explains every
 * verdict ({@link io.auditcover.claims.PaidElsewhere}: what other covers already paid the same wallet, so a loss is paid
 * once); an {@link io.auditcover.claims.Assessment} lets assessors decide what the facts cannot, on a panel free of
 * {@link io.auditcover.claims.ConflictsOfInterest} (the claim's parties and the paying pool's underwriters), drawn from the
 * listing's {@link io.auditcover.claims.ListingAssessors} (a group, or one delegate deciding alone), with three outcomes
 * (accept, deny, draw) and each vote's rationale; a holder's {@link io.auditcover.claims.Appeal} of a denial puts down a bond;
 * {@link io.auditcover.claims.AssessorStakes} holds each assessor's stake, each {@link io.auditcover.claims.Slash} of it and each
 * {@link io.auditcover.claims.StakeWithdrawal} asked of it; a
 * {@link io.auditcover.claims.Settlement} pays an incident's approved claims pro rata when a pool
 * cannot pay them all, above any {@link io.auditcover.reinsurance.ExcessOfLoss} recovery; what it could not pay stays owed
 * ({@link io.auditcover.claims.Shortfalls}: paid first from the pool's later capital, the pool spent until reopened), and a
 * {@link io.auditcover.claims.Recovery} of funds after a payout ({@link io.auditcover.claims.Recoveries}) returns to the pools
 * that paid and the underwriters who bore it (holders' deductibles first where the terms say so). The
 * {@link io.auditcover.claims.ClaimBook} keeps incidents, terms, assessors and every {@link io.auditcover.claims.Claim} from
 * filing to decision; {@link io.auditcover.claims.Incidents}, {@link io.auditcover.claims.Filings},
 * {@link io.auditcover.claims.Panels} and {@link io.auditcover.claims.IncidentSettlements} confirm incidents, decide filed
 * indemnity claims, run assessments and settle every claim of an incident from the books; no operator approves a claim. {@link io.auditcover.claims.ChainFacts} is the port through which claims read proof of loss
 * from the chain (balances at a block, transfers out, what vault shares are worth, a lending market's exchange rate); a listing's
 * {@link io.auditcover.claims.PositionReader} says how an insured wallet's position in the protocol is valued, so the
 * {@link io.auditcover.claims.LossEvidence} is of that position (with the {@link io.auditcover.claims.PositionReading}s a value at
 * an exchange rate came from); {@link io.auditcover.claims.DepositorCover} is cover a protocol
 * buys for its depositors, its claim their {@link io.auditcover.claims.DepositorLoss}es under the average clause, each paid its
 * share ({@link io.auditcover.claims.DepositorPaid}). The {@link io.auditcover.claims.ClaimRegister} lists every claim's
 * dates and amounts, and the loss development triangle, for the people who audit the insurer.
 */
package io.auditcover.claims;
