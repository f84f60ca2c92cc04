package io.auditcover.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.claims.Claim;
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
import java.util.List;
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
                .put("notice_period_days", pool.rules().noticePeriod().toDays());
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
        var exposure = node.putArray("exposure");
        view.listings().values().stream().filter(l -> l.poolId().equals(pool.id())).forEach(l -> exposure.add(listing(l)));
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
        return node;
    }

    static ObjectNode claim(Claim claim, Cover cover) {
        var node = Json.object().put("id", claim.id()).put("cover_id", claim.coverId()).put("pool_id", claim.poolId())
                .put("holder", cover == null ? null : cover.holder());
        node.set("amount", Json.money(claim.amount()));
        node.put("decision", "approved_and_paid").put("paid_at", claim.paidAt().toString()).put("reason", claim.reason());
        return node;
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
                .put("multiplier", f.multiplier())));
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
                yield node.put("shares_minted", e.sharesMinted());
            }
            case Event.WithdrawalRequested e -> withdrawal(e.request());
            case Event.CapitalWithdrawn e -> {
                var node = Json.object().put("request_id", e.requestId()).put("pool_id", e.poolId()).put("underwriter", e.underwriter())
                        .put("shares", e.shares());
                node.set("amount", Json.money(e.amount()));
                yield node;
            }
            case Event.CoverBought e -> cover(e.cover());
            case Event.TimeAdvanced e -> {
                var node = Json.object().put("time", e.to().toString());
                var earned = node.putArray("premium_earned");
                e.earnings().forEach(p -> earned.add(Json.object().put("pool_id", p.poolId()).set("amount", Json.money(p.amount()))));
                var expired = node.putArray("expired_cover_ids");
                e.expiredCoverIds().forEach(expired::add);
                yield node;
            }
            case Event.ClaimPaid e -> claim(e.claim(), null);
            default -> Json.object().put("event", io.auditcover.engine.Codec.type(event));
        };
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
