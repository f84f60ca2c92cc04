package io.auditcover.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.Incident;
import io.auditcover.claims.RuleResult;
import io.auditcover.claims.Claim;
import io.auditcover.claims.Filings;
import io.auditcover.claims.IncidentCase;
import io.auditcover.cover.Cover;
import io.auditcover.engine.Event;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.AuditScope;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityHistory;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.Protocol;
import io.auditcover.ledger.Transfer;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.Position;
import io.auditcover.pool.WithdrawalRequest;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.PoolSolvency;
import io.auditcover.solvency.SolvencyAssessment;
import io.auditcover.solvency.SolvencyBook;
import io.auditcover.solvency.SolvencyGate;
import io.auditcover.solvency.SolvencyPolicy;
import io.auditcover.money.Money;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Domain values as API JSON: snake_case fields, money as decimal strings with the asset code. */
final class Views {
    private Views() {
    }

    static ObjectNode protocol(ReadView view, Protocol protocol) {
        var node = Json.object().put("id", protocol.id()).put("name", protocol.name()).put("category", protocol.category());
        List<AuditReport> audits = view.audits().values().stream().filter(a -> a.protocolId().equals(protocol.id())).toList();
        var contracts = node.putArray("contracts");
        boolean allInScope = true;
        boolean observedOutOfScope = false;
        int contractCount = 0;
        for (DeployedContract contract : view.contracts().values()) {
            if (contract.protocolId().equals(protocol.id())) {
                boolean inScope = AuditScope.inScope(contract, audits);
                allInScope &= inScope;
                contractCount++;
                var item = contract(contract).put("in_audit_scope", inScope);
                EligibilityHistory history = view.quoteState().eligibility().get(contract.key());
                if (history != null && !history.periods().isEmpty()) {
                    var periods = item.putArray("eligibility");
                    history.periods().forEach(period -> periods.add(eligibility(period)));
                    observedOutOfScope |= !history.periods().getLast().inScope();
                }
                var checks = view.quoteState().scopeChecks().get(contract.key());
                if (checks != null) {
                    var recorded = item.putArray("scope_checks");
                    checks.values().forEach(check -> recorded.add(scopeCheck(check)));
                }
                contracts.add(item);
            }
        }
        var auditNodes = node.putArray("audits");
        audits.forEach(audit -> auditNodes.add(audit(audit)));
        node.put("coverage_status", contractCount == 0 ? "no_contracts" : observedOutOfScope ? "out_of_audited_scope_on_chain"
                : allInScope ? "audited" : "partly_unaudited");
        var listings = node.putArray("listings");
        view.listings().values().stream().filter(l -> l.protocolId().equals(protocol.id())).forEach(l -> listings.add(listing(l)));
        return node;
    }

    /** One period of a contract's chain-observed eligibility: from which block its code was (or was not) in audited scope, and why. */
    static ObjectNode eligibility(EligibilityPeriod period) {
        var node = Json.object().put("from_block", period.fromBlock()).put("in_scope", period.inScope()).put("code_hash", period.codeHash());
        if (period.auditId() != null) {
            node.put("audit_id", period.auditId());
        }
        if (period.reason() != null) {
            node.put("reason", period.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }

    static ObjectNode contract(DeployedContract contract) {
        var node = Json.object().put("protocol_id", contract.protocolId()).put("chain_id", contract.chainId())
                .put("address", contract.address()).put("code_hash", contract.codeHash());
        if (contract.implementation() != null) {
            node.putObject("implementation").put("address", contract.implementation().address())
                    .put("code_hash", contract.implementation().codeHash());
        }
        return node;
    }

    static ObjectNode audit(AuditReport audit) {
        var node = Json.object().put("id", audit.id()).put("protocol_id", audit.protocolId()).put("auditor", audit.auditor())
                .put("date", audit.date().toString()).put("commit", audit.commit());
        var scope = node.putArray("scope_code_hashes");
        audit.scopeCodeHashes().forEach(scope::add);
        var findings = node.putArray("findings");
        audit.findings().forEach(f -> findings.add(Json.object().put("id", f.id()).put("severity", lower(f.severity()))
                .put("status", lower(f.status()))));
        return node;
    }

    static ObjectNode pool(ReadView view, Pool pool) {
        var node = Json.object().put("id", pool.id()).put("asset", pool.asset().code()).put("asset_scale", pool.asset().scale());
        node.putObject("rules").put("leverage", pool.rules().leverage().toString())
                .put("max_protocol_share", pool.rules().maxProtocolShare().toString())
                .put("notice_period_days", pool.rules().noticePeriod().toDays())
                .put("incident_report_window_days", pool.rules().incidentReportWindow().toDays());
        node.set("capital", Json.money(pool.capital()));
        node.set("locked", Json.money(pool.locked()));
        node.set("free", Json.money(pool.free()));
        node.set("capacity", Json.money(pool.capacity()));
        node.set("active_cover", Json.money(pool.activeCover()));
        node.set("unearned_premium", Json.money(pool.unearnedPremium()));
        node.set("premiums_earned", Json.money(pool.premiumsEarned()));
        node.set("paid_out", Json.money(pool.paidOut()));
        node.set("nav_per_share", Json.money(pool.navPerShare()));
        node.put("shares", pool.shares()).put("shares_pending_withdrawal", pool.sharesPendingWithdrawal());
        var claims = view.quoteState().claimBook();
        ExcessOfLoss layer = claims.reinsurance().get(pool.id());
        if (layer != null) {
            node.set("reinsurance", reinsurance(layer, claims.treaties().get(pool.id()), view.time()));
        }
        // What its claims still owe since it was short at a settlement (paid first from any capital it gains), and whether it is
        // spent: it sells no cover and takes no deposit until an operator reopens it.
        node.set("unpaid_claims", Json.money(io.auditcover.claims.Shortfalls.owed(claims, pool)));
        node.put("status", claims.spent(pool.id()) ? "spent" : "open");
        Long setAside = view.balances().get(io.auditcover.ledger.Account.poolSetAsideForUnpaidClaims(pool.id(), pool.asset()));
        node.set("set_aside_for_unpaid_claims", Json.money(io.auditcover.money.Money.ofUnits(pool.asset(), setAside == null ? 0 : setAside)));
        var exposure = node.putArray("exposure");
        view.listings().values().stream().filter(l -> l.poolId().equals(pool.id())).forEach(l -> exposure.add(listing(l)));
        return node;
    }

    /**
     * A pool's layer and, for a treaty, where it stands: the current treaty year with its aggregate used and left, the
     * premium earned, charged, paid and owed.
     */
    static ObjectNode reinsurance(ExcessOfLoss layer, ReinsuranceTreaty treaty, java.time.Instant now) {
        var node = Json.object();
        node.set("retention", Json.money(layer.retention()));
        node.set("limit", Json.money(layer.limit()));
        if (layer.annualPremium() != null) {
            node.set("annual_premium", Json.money(layer.annualPremium()));
        }
        if (layer.reinstatements() != null) {
            node.put("reinstatements", layer.reinstatements());
            node.set("aggregate_limit", Json.money(layer.aggregateLimit()));
        }
        if (layer.reinstatementPremium() != null) {
            node.put("reinstatement_premium", layer.reinstatementPremium().toString());
        }
        if (treaty == null) {
            return node.put("treaty", false);
        }
        var asset = layer.limit().asset();
        node.put("treaty", true).put("reinsurer", layer.reinsurerName()).put("reinsurer_account", "reinsurer/" + layer.reinsurerName())
                .put("inception", treaty.inception().toString());
        int year = Math.max(0, treaty.yearOf(now));
        var current = node.putObject("treaty_year").put("year", year).put("from", treaty.yearStart(year).toString())
                .put("to", treaty.yearStart(year + 1).toString());
        current.set("recovered", Json.money(Money.ofUnits(asset, treaty.recoveredIn(year))));
        if (layer.aggregateLimit() != null) {
            current.set("aggregate_left", Json.money(Money.ofUnits(asset, Math.max(0, layer.aggregateLimit().units() - treaty.recoveredIn(year)))));
        }
        node.set("premium_earned", Json.money(Money.ofUnits(asset, treaty.annualEarnedUnits())));
        node.set("premium_charged", Json.money(Money.ofUnits(asset, treaty.chargedUnits())));
        node.set("premium_paid", Json.money(Money.ofUnits(asset, treaty.paidUnits())));
        node.set("premium_owed", Json.money(Money.ofUnits(asset, treaty.owedUnits())));
        var years = node.putArray("recovered_by_year");
        new java.util.TreeMap<>(treaty.recoveredByYear()).forEach((y, units) -> years.add(Json.object().put("year", y)
                .set("recovered", Json.money(Money.ofUnits(asset, units)))));
        return node;
    }

    static ObjectNode listing(Listing listing) {
        var node = Json.object().put("pool_id", listing.poolId()).put("protocol_id", listing.protocolId())
                .put("annual_rate_bps", listing.annualRateBps());
        node.set("active_cover", Json.money(listing.activeCover()));
        return node;
    }

    static ObjectNode position(Position position) {
        return Json.object().put("pool_id", position.poolId()).put("underwriter", position.underwriter())
                .put("shares", position.shares()).put("shares_pending_withdrawal", position.sharesPendingWithdrawal());
    }

    static ObjectNode withdrawal(WithdrawalRequest request) {
        return Json.object().put("id", request.id()).put("pool_id", request.poolId()).put("underwriter", request.underwriter())
                .put("shares", request.shares()).put("requested_at", request.requestedAt().toString())
                .put("available_at", request.availableAt().toString());
    }

    static ObjectNode heldWithdrawal(io.auditcover.pool.HeldWithdrawal held) {
        var node = Json.object().put("request_id", held.requestId()).put("pool_id", held.poolId()).put("underwriter", held.underwriter())
                .put("shares", held.shares()).put("paid_at", held.paidAt().toString()).put("held_until", held.releaseAt().toString());
        node.set("held", Json.money(held.amount()));
        return node;
    }

    static ObjectNode cover(Cover cover) {
        var node = Json.object().put("id", cover.id()).put("holder", cover.holder()).put("pool_id", cover.poolId())
                .put("protocol_id", cover.protocolId());
        node.set("amount", Json.money(cover.amount()));
        node.put("start", cover.start().toString()).put("end", cover.end().toString());
        node.set("premium", Json.money(cover.premium()));
        node.putObject("terms").put("annual_rate_bps", cover.terms().annualRateBps()).put("period_days", cover.terms().periodDays());
        node.set("paid", Json.money(cover.paid()));
        node.set("earned", Json.money(cover.earned()));
        node.put("status", lower(cover.status()));
        return node.put("wallet", cover.wallet());
    }

    /** A claim: {@code stage} filed, in_assessment or decided; {@code reason_code} is approved, needs_assessment or a rule's code. */
    static ObjectNode claim(Claim claim, java.time.Instant now) {
        var node = Json.object().put("id", claim.claimId()).put("cover_id", claim.coverId()).put("incident_id", claim.incidentId())
                .put("pool_id", claim.poolId()).put("holder", claim.holder()).put("kind", claim.claimedLoss() == null ? "parametric" : "indemnity")
                .put("stage", lower(claim.stage())).put("reason_code", claim.reasonCode());
        optionalMoney(node, "claimed_loss", claim.claimedLoss());
        optionalMoney(node, "proven_loss", claim.provenLoss());
        node.set("approved", Json.money(claim.approved()));
        node.set("paid", Json.money(claim.paid()));
        optionalMoney(node, "deposit", claim.deposit());
        node.put("filed_at", claim.filedAt().toString()).put("decided_at", claim.decidedAt() == null ? null : claim.decidedAt().toString());
        // What a short pool still owes on it, what it paid of it later, and what recoveries returned for it.
        node.set("unpaid", Json.money(claim.unpaid()));
        var paidLater = node.putArray("paid_later");
        claim.paidLater().forEach(payment -> paidLater.add(latePayment(payment)));
        var recoveries = node.putArray("recoveries");
        claim.recoveries().forEach(part -> {
            var item = recoveries.addObject().put("recovery_id", part.recoveryId());
            item.set("to_pool", Json.money(part.toPool()));
            item.set("to_holder", Json.money(part.toHolder()));
        });
        if (claim.assessment() != null) {
            var assessment = assessment(claim.assessment(), now);
            if (claim.outcome() != null) {
                // As the settlement counts it: without the votes of assessors who became parties to the claim since.
                assessment.put("outcome", claim.outcome().wire());
            }
            node.set("assessment", assessment);
        }
        var appeals = node.putArray("appeals");
        claim.appeals().forEach(appeal -> appeals.add(appeal(appeal)));
        return node;
    }

    static ObjectNode latePayment(io.auditcover.claims.LatePayment payment) {
        var node = Json.object().put("at", payment.at().toString()).put("source", payment.source().wire());
        node.set("amount", Json.money(payment.amount()));
        return node.put("recovery_id", payment.recoveryId());
    }

    /** A recovery of funds for an incident: what came back, its evidence, each pool's part and what went to holders first. */
    static ObjectNode recovery(io.auditcover.claims.Recovery recovery) {
        var node = Json.object().put("id", recovery.id()).put("incident_id", recovery.incidentId());
        node.set("amount", Json.money(recovery.amount()));
        node.put("evidence", recovery.evidence()).put("recorded_at", recovery.recordedAt().toString());
        var pools = node.putArray("pools");
        recovery.pools().forEach(pool -> pools.addObject().put("pool_id", pool.poolId()).set("amount", Json.money(pool.amount())));
        node.set("to_holders", Json.money(recovery.toHolders()));
        return node;
    }

    private static ObjectNode shortfallPayments(ObjectNode node, java.util.List<io.auditcover.claims.ShortfallPayment> payments) {
        var array = node.putArray("unpaid_claims_paid");
        if (payments != null) {
            payments.forEach(payment -> array.addObject().put("claim_id", payment.claimId()).set("amount", Json.money(payment.amount())));
        }
        return node;
    }

    /**
     * An assessment: {@code outcome} is accept, deny or draw (a draw pays nothing and returns the deposit: never read it as
     * either of the others); each vote is accept, deny, undone (by the operator in the cooldown) or removed (its assessor was
     * removed from the panels before the vote was final), with its rationale where one was given.
     */
    static ObjectNode assessment(Assessment assessment, java.time.Instant now) {
        var node = Json.object().put("round", assessment.round()).put("phase", now == null ? null : lower(assessment.phaseAt(now)))
                .put("opens_at", assessment.opensAt().toString()).put("ends_at", assessment.endsAt().toString())
                .put("accept_weight", assessment.weightFor(true)).put("deny_weight", assessment.weightFor(false))
                .put("quorum_weight", assessment.rules().quorumWeight())
                .put("panel_size", assessment.panel().size()).put("outcome", assessment.tally().wire());
        var votes = node.putObject("votes");
        assessment.votes().forEach((assessor, accept) -> votes.put(assessor, assessment.removed().contains(assessor) ? "removed"
                : assessment.undone().contains(assessor) ? "undone" : accept ? "accept" : "deny"));
        var rationales = node.putObject("rationales");
        assessment.rationales().forEach(rationales::put);
        var removed = node.putArray("removed");
        assessment.removed().forEach(removed::add);
        return node;
    }

    /** The assessors as the claims book holds them: registered (with stake), removed, each listing's, and every slash. */
    static ObjectNode assessors(io.auditcover.claims.ClaimBook book) {
        var node = Json.object();
        var registered = node.putArray("registered");
        book.assessors().values().forEach(a -> {
            var item = registered.addObject().put("assessor", a.assessor()).put("weight", a.weight()).put("tier", a.tier());
            Money stake = book.stakes().get(a.assessor());
            item.set("stake", stake == null ? null : Json.money(stake));
        });
        var removed = node.putArray("removed");
        book.removedAssessors().forEach(removed::add);
        var listings = node.putArray("listings");
        book.listingAssessors().values().forEach(named -> listings.add(listingAssessors(named)));
        var stakes = node.putObject("stakes");
        book.stakes().forEach((assessor, stake) -> stakes.set(assessor, Json.money(stake)));
        var slashes = node.putArray("slashes");
        book.slashes().values().forEach(slash -> slashes.add(slash(slash)));
        var withdrawals = node.putArray("stake_withdrawals");
        book.stakeWithdrawals().values().forEach(withdrawal -> withdrawals.add(stakeWithdrawal(withdrawal)));
        return node;
    }

    /** A listing's assessors: a group, a delegate, or neither (every registered assessor). */
    static ObjectNode listingAssessors(io.auditcover.claims.ListingAssessors named) {
        var node = Json.object().put("pool_id", named.poolId()).put("protocol_id", named.protocolId()).put("delegate", named.delegate());
        var group = node.putArray("group");
        named.group().forEach(group::add);
        return node;
    }

    static ObjectNode appeal(io.auditcover.claims.Appeal appeal) {
        return Json.object().put("claim_id", appeal.claimId()).put("holder", appeal.holder()).put("round", appeal.round())
                .put("appealed_at", appeal.appealedAt().toString()).set("bond", Json.money(appeal.bond()));
    }

    /** A pending request to take back stake: how much, and from when. */
    static ObjectNode stakeWithdrawal(io.auditcover.claims.StakeWithdrawal withdrawal) {
        var node = Json.object().put("assessor", withdrawal.assessor()).put("requested_at", withdrawal.requestedAt().toString())
                .put("available_at", withdrawal.availableAt().toString());
        node.set("amount", Json.money(withdrawal.amount()));
        return node;
    }

    static ObjectNode slash(io.auditcover.claims.Slash slash) {
        var node = Json.object().put("slash_id", slash.slashId()).put("assessor", slash.assessor()).put("claim_id", slash.claimId())
                .put("pool_id", slash.poolId()).put("evidence", slash.evidence()).put("slashed_at", slash.slashedAt().toString())
                .put("final_at", slash.finalAt().toString()).put("status", lower(slash.status()));
        node.set("amount", Json.money(slash.amount()));
        return node;
    }

    /** Every rule in order with its verdict, reason code and the facts it used. */
    static ObjectNode explanation(Filings.Explanation explanation, java.time.Instant now) {
        var node = Json.object();
        node.set("claim", Json.object().put("id", explanation.claim().claimId()).put("cover_id", explanation.claim().coverId())
                .put("incident_id", explanation.claim().incidentId()).put("reason_code", explanation.claim().reasonCode())
                .set("paid", Json.money(explanation.claim().paid())));
        node.put("rules_decision", lower(explanation.adjudication().decision()))
                .put("rules_reason_code", explanation.adjudication().reasonCode());
        node.set("rules_payout", Json.money(explanation.adjudication().payout()));
        var rules = node.putArray("rules");
        int order = 1;
        for (RuleResult result : explanation.adjudication().results()) {
            var item = rules.addObject().put("order", order++).put("rule", result.rule().wire()).put("verdict", lower(result.verdict()))
                    .put("reason_code", result.reasonCode());
            var facts = item.putObject("facts");
            result.facts().forEach(facts::put);
        }
        // Where the exploited code's scope came from when it was recorded rather than watched: who checked, and the evidence.
        var checks = node.putArray("scope_checks");
        explanation.scopeChecks().forEach(check -> checks.add(scopeCheck(check)));
        return node;
    }

    /** An incident as {@link #incident(IncidentCase, java.time.Instant)}, with every recovery of funds recorded for it. */
    static ObjectNode incident(ReadView view, IncidentCase incidentCase, java.time.Instant now) {
        var node = incident(incidentCase, now);
        var recoveries = node.putArray("recoveries");
        view.recoveriesOn(incidentCase.incident().id()).forEach(recovery -> recoveries.add(recovery(recovery)));
        return node;
    }

    /** An incident with its attestation count and status now; once settled, what each pool paid. */
    static ObjectNode incident(IncidentCase incidentCase, java.time.Instant now) {
        Incident incident = incidentCase.incident();
        var node = incidentFields(incident);
        var attestations = incidentCase.attestations();
        node.put("status", lower(incidentCase.statusAt(now))).put("reported_at", incidentCase.reportedAt().toString())
                .put("threshold", incidentCase.rules().threshold()).put("oracles", incidentCase.rules().oracles().size())
                .put("attestation_deadline", attestations.attestationDeadline().toString())
                .put("confirmed_at", incidentCase.confirmedAt() == null ? null : incidentCase.confirmedAt().toString())
                .put("dispute_window_ends", incidentCase.confirmedAt() == null ? null
                        : incidentCase.confirmedAt().plus(incidentCase.rules().disputeWindow()).toString())
                .put("settled_at", incidentCase.settledAt() == null ? null : incidentCase.settledAt().toString());
        var settledPools = node.putArray("settled_pools");
        incidentCase.settledPools().forEach(settledPools::add);
        var signers = node.putArray("signers");
        incidentCase.signers().forEach(signers::add);
        var disputers = node.putArray("disputers");
        incidentCase.disputers().forEach(disputers::add);
        var pools = node.putArray("affected_pools");
        incidentCase.affectedPools().forEach(pools::add);
        return node;
    }

    private static ObjectNode incidentFields(Incident incident) {
        var node = Json.object().put("id", incident.id()).put("protocol_id", incident.protocolId());
        var contracts = node.putArray("contracts");
        incident.contractKeys().forEach(contracts::add);
        node.put("from_block", incident.fromBlock()).put("to_block", incident.toBlock()).put("occurred_at", incident.occurredAt().toString())
                .put("cause", incident.cause().wire());
        node.set("estimated_loss", Json.money(incident.estimatedLoss()));
        var transactions = node.putArray("transactions");
        incident.transactionHashes().forEach(transactions::add);
        return node.put("loss_share_bps", incident.lossShareBps());
    }

    private static void optionalMoney(ObjectNode node, String name, io.auditcover.money.Money money) {
        if (money == null) {
            node.putNull(name);
        } else {
            node.set(name, Json.money(money));
        }
    }

    static ObjectNode transfer(Transfer transfer) {
        var node = Json.object().put("id", transfer.id()).put("debit", transfer.debit().name()).put("credit", transfer.credit().name());
        node.set("amount", Json.money(transfer.amount()));
        return node.put("memo", transfer.memo());
    }

    static ObjectNode quote(Quote quote) {
        var node = Json.object().put("pool_id", quote.poolId()).put("protocol_id", quote.protocolId());
        node.set("amount", Json.money(quote.amount()));
        node.put("period_days", quote.periodDays());
        node.set("premium", Json.money(quote.premium()));
        node.put("annual_rate_bps", quote.annualRateBps());
        var breakdown = node.putArray("breakdown");
        quote.breakdown().forEach(c -> {
            var item = Json.object().put("name", c.name()).put("basis", c.basis());
            item.set("amount", Json.money(c.amount()));
            breakdown.add(item);
        });
        var factors = node.putArray("factors");
        quote.factors().forEach(f -> factors.add(Json.object().put("name", f.name()).put("measured", f.measured())
                .put("multiplier", f.multiplier()).put("source", f.source())));
        node.set("max_amount", Json.money(quote.maxAmount()));
        return node.put("model", quote.model()).put("quote_id", quote.quoteId()).put("valid_until", quote.validUntil().toString())
                .put("parameters_version", quote.parametersVersion())
                .put("engine_time", quote.engineTime().toString()).put("at_sequence", quote.atSequence());
    }

    /** What a write returns: the thing it made or changed, as decided (so a retry gets the same bytes). */
    static ObjectNode event(Event event) {
        return switch (event) {
            case Event.ProtocolRegistered e -> Json.object().put("id", e.protocol().id()).put("name", e.protocol().name())
                    .put("category", e.protocol().category());
            case Event.ContractRegistered e -> contract(e.contract());
            case Event.AuditRegistered e -> audit(e.audit());
            case Event.PoolCreated e -> Json.object().put("id", e.poolId()).put("asset", e.asset().code())
                    .put("asset_scale", e.asset().scale());
            case Event.ProtocolListed e -> Json.object().put("pool_id", e.poolId()).put("protocol_id", e.protocolId())
                    .put("annual_rate_bps", e.annualRateBps());
            case Event.CapitalDeposited e -> {
                var node = Json.object().put("pool_id", e.poolId()).put("underwriter", e.underwriter());
                node.set("amount", Json.money(e.amount()));
                node.put("shares_minted", e.sharesMinted());
                yield shortfallPayments(node, e.shortfallPayments());
            }
            case Event.WithdrawalRequested e -> withdrawal(e.request());
            case Event.CapitalWithdrawn e -> {
                var node = Json.object().put("request_id", e.requestId()).put("pool_id", e.poolId()).put("underwriter", e.underwriter())
                        .put("shares", e.shares());
                node.set("amount", Json.money(e.amount()));
                if (e.releaseAt() != null) {
                    // Held back for the pool's report window: an incident that occurred before it may still take its share.
                    node.set("held", Json.money(e.amount()));
                    node.put("held_until", e.releaseAt().toString());
                }
                yield node;
            }
            case Event.CoverBought e -> cover(e.cover());
            case Event.TimeAdvanced e -> {
                var node = Json.object().put("time", e.to().toString());
                var earned = node.putArray("premium_earned");
                e.earnings().forEach(p -> earned.add(Json.object().put("pool_id", p.poolId()).set("amount", Json.money(p.amount()))));
                var expired = node.putArray("expired_cover_ids");
                e.expiredCoverIds().forEach(expired::add);
                var released = node.putArray("released_withdrawal_ids");
                e.releasedWithdrawalIds().forEach(released::add);
                if (!e.forfeitedSlashIdsOrNone().isEmpty()) {
                    var forfeited = node.putArray("forfeited_slash_ids");
                    e.forfeitedSlashIdsOrNone().forEach(forfeited::add);
                }
                yield shortfallPayments(node, e.shortfallPayments());
            }
            case Event.IncidentReported e -> incidentFields(e.incident()).put("status", "pending")
                    .put("reported_at", e.reportedAt().toString());
            case Event.IncidentAttested e -> Json.object().put("incident_id", e.incidentId()).put("signer", e.signer())
                    .put("confirms", e.confirms()).put("at", e.at().toString());
            case Event.IncidentSettled e -> {
                var node = Json.object().put("incident_id", e.incidentId()).put("settled_at", e.settledAt().toString())
                        .put("complete", e.complete())
                        .put("claims_decided", e.claims().size()).put("claims_paid", e.claims().stream().filter(c -> c.paidUnits() > 0).count());
                var settledPools = node.putArray("settled_pools");
                e.settledPools().forEach(settledPools::add);
                var pools = node.putArray("pools");
                e.pools().forEach(pool -> {
                    var item = pools.addObject().put("pool_id", pool.poolId());
                    item.set("approved", Json.money(pool.approved()));
                    item.set("recovery", Json.money(pool.recovery()));
                    item.set("paid", Json.money(pool.paid()));
                    item.set("shortfall", Json.money(pool.shortfall()));
                });
                yield node;
            }
            case Event.ClaimFiled e -> claim(Claim.filed(e.filing(), e.assessment()), e.filedAt());
            case Event.AssessmentChanged e -> Json.object().put("claim_id", e.claimId())
                    .set("assessment", assessment(e.assessment(), null));
            case Event.ChainObserved e -> typeOnly(e);
            case Event.ScopeChecked e -> scopeCheck(e.check());
            case Event.ClaimsReferred e -> {
                var node = Json.object().put("incident_id", e.incidentId()).put("referred_at", e.referredAt().toString());
                var claims = node.putArray("referred_claim_ids");
                e.claims().forEach(claim -> claims.add(claim.claimId()));
                yield node;
            }
            case Event.CodeChangePolicySet e -> typeOnly(e);
            case Event.RiskProfileRegistered e -> typeOnly(e);
            case Event.MarketSet e -> typeOnly(e);
            case Event.PricingParametersSet e -> typeOnly(e);
            case Event.ClaimTermsSet e -> typeOnly(e);
            case Event.AttestationConfigured e -> typeOnly(e);
            case Event.ReinsuranceSet e -> typeOnly(e);
            case Event.AssessorRegistered e -> typeOnly(e);
            case Event.AssessmentConfigured e -> typeOnly(e);
            case Event.DeploymentIdentified e -> typeOnly(e);
            case Event.SolvencyPolicySet e -> Json.object().put("pool_id", e.poolId()).set("policy", solvencyPolicy(e.policy()));
            case Event.DependenciesRecorded e -> Json.object().put("protocol_id", e.protocolId()).set("dependencies", dependencies(e.groups()));
            case Event.SolvencyAssessed e -> runOf(e.assessment());
            case Event.ReimbursementDeclared e -> reimbursement(e.reimbursement());
            case Event.RecoveryRecorded e -> {
                var node = recovery(e.recovery());
                var claims = node.putArray("claims");
                e.claims().forEach(part -> {
                    var item = claims.addObject().put("claim_id", part.claimId());
                    item.set("to_pool", Json.money(part.toPool()));
                    item.set("to_holder", Json.money(part.toHolder()));
                });
                var restored = node.putArray("shares_restored");
                e.restoredShares().forEach(shares -> restored.addObject().put("pool_id", shares.poolId())
                        .put("underwriter", shares.underwriter()).put("shares", shares.shares()));
                yield shortfallPayments(node, e.shortfallPayments());
            }
            case Event.PoolReopened e -> {
                var node = Json.object().put("pool_id", e.poolId()).put("reopened_at", e.at().toString());
                node.set("owed", Json.money(e.owed()));
                var incidents = node.putArray("incident_ids");
                e.incidentIds().forEach(incidents::add);
                yield node;
            }
            case Event.ListingAssessorsSet e -> listingAssessors(e.assessors());
            case Event.AssessorRemoved e -> {
                var node = Json.object().put("assessor", e.assessor());
                var seats = node.putArray("seats_lost_on_claim_ids");
                e.claimIds().forEach(seats::add);
                yield node;
            }
            case Event.ClaimAppealed e -> appeal(e.appeal()).set("assessment", assessment(e.assessment(), null));
            case Event.AssessorStaked e -> Json.object().put("assessor", e.assessor()).set("amount", Json.money(e.amount()));
            case Event.AssessorSlashed e -> slash(e.slash());
            case Event.SlashReversed e -> Json.object().put("slash_id", e.slashId()).put("status", "reversed");
            case Event.StakeWithdrawalRequested e -> stakeWithdrawal(e.withdrawal());
            case Event.StakeWithdrawn e -> Json.object().put("assessor", e.assessor()).set("amount", Json.money(e.amount()));
        };
    }

    /** One claim of the register: absent dates and amounts are null, so every row has the same fields. */
    static ObjectNode registerEntry(io.auditcover.claims.ClaimRegister.Entry entry) {
        var node = Json.object().put("claim_id", entry.claimId()).put("cover_id", entry.coverId()).put("holder", entry.holder())
                .put("pool_id", entry.poolId()).put("protocol_id", entry.protocolId()).put("incident_id", entry.incidentId())
                .put("trigger", entry.trigger().name().toLowerCase(java.util.Locale.ROOT))
                .put("stage", entry.stage().name().toLowerCase(java.util.Locale.ROOT)).put("reason_code", entry.reasonCode())
                .put("asset", entry.asset().code());
        var dates = node.putObject("dates");
        dates.put("occurred", text(entry.occurredAt())).put("reported", text(entry.reportedAt())).put("confirmed", text(entry.confirmedAt()))
                .put("filed", text(entry.filedAt())).put("decided", text(entry.decidedAt())).put("paid", text(entry.paidAt()));
        var amounts = node.putObject("amounts");
        amounts.put("claimed", decimal(entry.claimed())).put("proven", decimal(entry.proven())).put("approved", decimal(entry.approved()))
                .put("paid", decimal(entry.paid())).put("deductible", decimal(entry.deductible())).put("shortfall", decimal(entry.shortfall()))
                .put("recovered", decimal(entry.recovered()));
        return node;
    }

    /** A loss development triangle: its asset, valuation month, and each incident month's cumulative paid by development month. */
    static ObjectNode triangle(io.auditcover.claims.ClaimRegister.Triangle triangle) {
        var node = Json.object().put("asset", triangle.asset().code()).put("valuation_month", triangle.valuationMonth().toString())
                .put("development_months", triangle.developmentMonths());
        var rows = node.putArray("rows");
        for (var row : triangle.rows()) {
            var item = rows.addObject().put("incident_month", row.incidentMonth().toString());
            var paid = item.putArray("cumulative_paid");
            row.cumulativePaid().forEach(amount -> paid.add(amount.toDecimalString()));
        }
        return node;
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String decimal(io.auditcover.money.Money money) {
        return money == null ? null : money.toDecimalString();
    }

    /** A scope check as recorded: which contract, which block, in or out of scope and why, who checked and the evidence. */
    static ObjectNode scopeCheck(io.auditcover.evidence.ScopeCheck check) {
        var node = Json.object().put("contract", check.contractKey()).put("block", check.block()).put("in_scope", check.inScope())
                .put("source", check.source()).put("checked_by", check.checkedBy()).put("evidence", check.evidence())
                .put("recorded_at", check.recordedAt().toString());
        if (check.inScope()) {
            node.put("audit_id", check.auditId());
        } else {
            node.put("reason", check.reason().wire());
        }
        if (check.observation() != null) {
            node.put("block_hash", check.blockHash()).put("code_hash", check.observation().codeHash())
                    .put("has_code", check.observation().hasCode());
            if (check.observation().implementation() != null) {
                node.put("implementation", check.observation().implementation().address())
                        .put("implementation_code_hash", check.observation().implementation().codeHash());
            }
        }
        return node;
    }

    /** An event shown by its type alone. */
    private static ObjectNode typeOnly(Event event) {
        return Json.object().put("event", io.auditcover.engine.Codec.type(event));
    }

    static ObjectNode solvencyPolicy(SolvencyPolicy policy) {
        var node = Json.object().put("minimum_solvency_ratio", SolvencyGate.ratioText(policy.minimumRatio()));
        var caps = node.putObject("dependency_caps");
        new java.util.TreeMap<>(policy.dependencyCaps()).forEach((kind, cap) -> caps.put(lower(kind), SolvencyGate.ratioText(cap)));
        return node;
    }

    static ObjectNode dependencies(Map<DependencyKind, String> groups) {
        var node = Json.object();
        new java.util.TreeMap<>(groups).forEach((kind, group) -> node.put(lower(kind), group));
        return node;
    }

    /** Which run a figure came from: every solvency figure names it. */
    static ObjectNode runOf(SolvencyAssessment assessment) {
        return Json.object().put("run_id", assessment.runId()).put("seed", assessment.seed()).put("years", assessment.years())
                .put("model_version", assessment.modelVersion()).put("year_loss_table_digest", assessment.yearLossTableDigest())
                .put("assessed_at", assessment.assessedAt().toString()).put("cover_id_through", assessment.coverIdThrough());
    }

    /**
     * A pool's solvency: the run's figures, and the gate's figures now (capital now over the run's SCR plus what covers sold
     * since were charged), beside the pool's policy.
     */
    static ObjectNode poolSolvency(Pool pool, SolvencyBook solvency) {
        return poolSolvency(pool, solvency, solvency.assessment());
    }

    /** As above, with the figures of {@code assessment} (a run not yet recorded, for a dry run). */
    static ObjectNode poolSolvency(Pool pool, SolvencyBook solvency, SolvencyAssessment assessment) {
        var node = Json.object().put("pool_id", pool.id());
        SolvencyPolicy policy = solvency.policy(pool.id());
        node.set("policy", solvencyPolicy(policy));
        long requiredNow = solvency.requiredCapitalUnits(pool.id());
        var now = node.putObject("now");
        now.set("capital", Json.money(pool.capital()));
        now.set("active_cover", Json.money(pool.activeCover()));
        now.set("required_capital", Json.money(Money.ofUnits(pool.asset(), requiredNow)));
        now.set("charged_since_run", Json.money(Money.ofUnits(pool.asset(), solvency.chargedSinceUnits(pool.id()))));
        now.put("capital_over_required", SolvencyGate.ratioText(pool.capital().units(), requiredNow));
        now.set("mcr", Json.money(io.auditcover.solvency.SolvencyFigures.mcr(pool.activeCover())));
        PoolSolvency figures = assessment == null ? null : assessment.pools().get(pool.id());
        if (figures == null) {
            node.putNull("run");
            return node;
        }
        node.set("run", runOf(assessment));
        node.set("figures", figures(figures, pool.asset()));
        var listings = node.putArray("capital_by_listing");
        String prefix = pool.id() + "/";
        assessment.capitalFactorsPpm().forEach((listing, factor) -> {
            if (listing.startsWith(prefix)) {
                listings.addObject().put("protocol_id", listing.substring(prefix.length()))
                        .put("capital_factor", java.math.BigDecimal.valueOf(factor, 6).stripTrailingZeros().toPlainString())
                        .set("tvar_99_allocated", Json.money(Money.ofUnits(pool.asset(),
                                assessment.capitalByListingUnits().getOrDefault(listing, 0L))));
            }
        });
        return node;
    }

    /** A run's figures for one pool or the book, in units of {@code asset}. */
    static ObjectNode figures(PoolSolvency figures, io.auditcover.money.Asset asset) {
        var node = Json.object();
        node.set("capital", Json.money(Money.ofUnits(asset, figures.capitalUnits())));
        node.set("active_cover", Json.money(Money.ofUnits(asset, figures.activeCoverUnits())));
        node.set("expected_annual_loss", Json.money(Money.ofUnits(asset, figures.expectedLossUnits())));
        node.set("scr", Json.money(Money.ofUnits(asset, figures.scrUnits())));
        node.set("var_99_5", Json.money(Money.ofUnits(asset, figures.scrUnits())));
        node.set("tvar_99", Json.money(Money.ofUnits(asset, figures.tvar99Units())));
        node.set("required_capital", Json.money(Money.ofUnits(asset, figures.requiredCapitalUnits())));
        node.put("ruin_probability", java.math.BigDecimal.valueOf(figures.ruinPerMillion(), 6).stripTrailingZeros().toPlainString());
        node.put("solvency_ratio", SolvencyGate.ratioText(figures.capitalUnits(), figures.scrUnits()));
        node.put("capital_over_required", SolvencyGate.ratioText(figures.capitalUnits(), figures.requiredCapitalUnits()));
        node.set("mcr", Json.money(Money.ofUnits(asset, figures.mcrUnits())));
        node.set("aggregate_exceedance", exceedance(figures.aggregateExceedance(), asset));
        node.set("occurrence_exceedance", exceedance(figures.occurrenceExceedance(), asset));
        if (figures.grossScrUnits() != null) {
            var gross = node.putObject("reinsurance");
            gross.set("gross_expected_annual_loss", Json.money(Money.ofUnits(asset, figures.grossExpectedLossUnits())));
            gross.set("gross_scr", Json.money(Money.ofUnits(asset, figures.grossScrUnits())));
            gross.set("gross_tvar_99", Json.money(Money.ofUnits(asset, figures.grossTvar99Units())));
            gross.set("gross_required_capital", Json.money(Money.ofUnits(asset, figures.grossRequiredCapitalUnits())));
            gross.set("capital_saved", Json.money(Money.ofUnits(asset, figures.capitalSavedUnits())));
            gross.set("expected_recovery_net_of_reinstatement_premium",
                    Json.money(Money.ofUnits(asset, figures.grossExpectedLossUnits() - figures.expectedLossUnits())));
            gross.set("annual_premium", Json.money(Money.ofUnits(asset, figures.reinsurancePremiumUnits())));
        }
        return node;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode exceedance(Map<Integer, Long> curve, io.auditcover.money.Asset asset) {
        var points = Json.array();
        new java.util.TreeMap<>(curve).forEach((years, loss) -> points.addObject().put("return_period_years", years)
                .set("loss", Json.money(Money.ofUnits(asset, loss))));
        return points;
    }

    /**
     * The solvency document: the run every figure came from, each pool against its policy, the book (when every pool keeps
     * one asset), the book's capital by dependency group, and the correlations the model used with their sources.
     */
    static ObjectNode solvency(java.util.Collection<Pool> pools, SolvencyBook solvency, SolvencyAssessment assessment) {
        var node = Json.object();
        if (assessment == null) {
            node.putNull("run");
        } else {
            node.set("run", runOf(assessment));
        }
        var items = node.putArray("pools");
        pools.forEach(pool -> items.add(poolSolvency(pool, solvency, assessment)));
        var assets = pools.stream().map(Pool::asset).distinct().toList();
        if (assessment != null && assets.size() == 1) {
            node.set("book", figures(assessment.book(), assets.get(0)));
        } else {
            node.putNull("book");
        }
        // the book's allocation adds units of every pool's asset: meaningful only when they share one
        if (assessment != null && assets.size() == 1) {
            node.set("capital_by_dependency_group", capitalByGroup(assessment, assets.get(0)));
        }
        var correlations = node.putArray("correlations");
        new java.util.TreeMap<>(io.auditcover.solvency.DependencyParameters.DEFAULTS).values().forEach(parameters -> correlations.addObject()
                .put("kind", lower(parameters.kind())).put("rho", parameters.rho()).put("source", parameters.source()));
        return node;
    }

    /**
     * Stress scenarios: each pool's gross loss, reinsurance recovery and the reinstatement premium it costs, net loss, capital
     * after and whether it survives.
     */
    static com.fasterxml.jackson.databind.node.ArrayNode stress(List<io.auditcover.solvency.StressResult> results,
            java.util.NavigableMap<String, Pool> pools) {
        var items = Json.array();
        for (var result : results) {
            var item = items.addObject().put("scenario", result.scenario()).put("description", result.description())
                    .put("every_pool_survives", result.book().survives());
            var poolItems = item.putArray("pools");
            result.pools().forEach((poolId, loss) -> {
                var asset = pools.get(poolId).asset();
                var node = poolItems.addObject().put("pool_id", poolId).put("survives", loss.survives());
                node.set("gross_loss", Json.money(Money.ofUnits(asset, loss.grossLossUnits())));
                node.set("reinsurance_recovery", Json.money(Money.ofUnits(asset, loss.recoveryUnits())));
                node.set("reinstatement_premium", Json.money(Money.ofUnits(asset, loss.reinstatementPremiumUnits())));
                node.set("net_loss", Json.money(Money.ofUnits(asset, loss.netLossUnits())));
                node.set("capital_after", Json.money(Money.ofUnits(asset, loss.capitalAfterUnits())));
                node.set("shortfall", Json.money(Money.ofUnits(asset, loss.shortfallUnits())));
            });
        }
        return items;
    }

    /** The book's co-TVaR by dependency group, each kind's groups largest first. */
    static ObjectNode capitalByGroup(SolvencyAssessment assessment, io.auditcover.money.Asset asset) {
        var node = Json.object();
        new java.util.TreeMap<>(assessment.capitalByGroupUnits()).forEach((kind, groups) -> {
            var items = node.putArray(lower(kind));
            groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(group -> items.addObject().put("group", group.getKey()).put("tvar_99_allocated_units", group.getValue())
                            .set("tvar_99_allocated", Json.money(Money.ofUnits(asset, group.getValue()))));
        });
        return node;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A declared reimbursement as written: the cover, incident, amount, who paid it back and who declared it. */
    static ObjectNode reimbursement(io.auditcover.claims.Reimbursement reimbursement) {
        var node = Json.object().put("cover_id", reimbursement.coverId()).put("incident_id", reimbursement.incidentId());
        node.set("amount", Json.money(reimbursement.amount()));
        return node.put("source", reimbursement.source().wire()).put("evidence", reimbursement.evidence())
                .put("declared_by", reimbursement.declaredBy()).put("declared_at", reimbursement.declaredAt().toString());
    }
}
