package io.auditcover.api;

import io.auditcover.claims.DepositorCover;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.PositionReader;
import io.auditcover.reason.Reason;
import io.auditcover.access.AccessStore;
import io.auditcover.api.Route.Call;
import io.auditcover.api.Route.Reply;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.AssessmentRules;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.claims.Incident;
import io.auditcover.claims.Reimbursement;
import io.auditcover.claims.TriggerKind;
import io.auditcover.cover.Cover;
import io.auditcover.claims.Claim;
import io.auditcover.claims.Filings;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.claims.IncidentCase;
import io.auditcover.engine.Rejection;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Incidents and claims: operators report incidents, oracles sign statements confirming or disputing them (the signature is
 * the credential, so those routes are public), anyone signed in asks for a final incident's settlement, holders file
 * indemnity claims (the proof of loss read from the chain here, not taken from the caller), assessors vote, operators undo
 * fraudulent votes, holders escalate, and every decided claim explains itself rule by rule.
 */
final class ClaimResources {
    /** The longest window or period an operator may set, in hours: a year. */
    private static final long HOURS_MAX = 366 * 24;
    private static final Set<String> INCIDENT_FIELDS = Set.of("id", "protocol_id", "contracts", "from_block", "to_block", "occurred_at",
            "cause", "estimated_loss", "transactions", "loss_share_bps");
    private final Resources resources;
    private final Engine engine;
    private final LossEvidenceSource lossEvidence;
    private final StatementsToSign statements;

    private final Clock clock;
    private final AccessStore accessStore;

    ClaimResources(Resources resources, Engine engine, LossEvidenceSource lossEvidence, StatementsToSign statements, Clock clock,
            AccessStore accessStore) {
        this.resources = resources;
        this.engine = engine;
        this.lossEvidence = lossEvidence;
        this.statements = statements;
        this.clock = clock;
        this.accessStore = accessStore;
    }

    /** Statuses and phases are read at the clock the engine decides by, not at the view's engine time, which moves only on ticks. */
    private Instant now(Call call) {
        Instant now = clock.instant();
        return now.isBefore(call.view().time()) ? call.view().time() : now;
    }

    // ---- incidents

    Reply incidents(Call call) {
        return Resources.page(call, call.view().incidents(), call.query("after"), i -> Views.incident(call.view(), i, now(call)),
                i -> i.incident().id());
    }

    Reply incident(Call call) {
        return Reply.ok(Views.incident(call.view(), incidentCase(call), now(call)));
    }

    /** The EIP-712 typed data an oracle signs (eth_signTypedData_v4) to confirm, or with confirms=false to dispute. */
    Reply statement(Call call) {
        String confirms = call.requiredQuery("confirms");
        if (!confirms.equals("true") && !confirms.equals("false")) {
            throw ApiException.malformed("confirms", "confirms must be true or false");
        }
        String deploymentId = call.view().quoteState().deploymentId();
        if (deploymentId == null) {
            throw Resources.notIdentified();
        }
        return Reply.ok(Json.read(statements.incident(deploymentId, incidentCase(call).incident(), Boolean.parseBoolean(confirms))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    Reply reportIncident(Call call) {
        var body = RequestBody.parse(call.body(), INCIDENT_FIELDS);
        String lossAsset = body.object("estimated_loss", Set.of("amount", "asset")).text("asset", Asset.CODE_LENGTH_MAX);
        Asset asset = call.view().pools().values().stream().map(Pool::asset).filter(a -> a.code().equals(lossAsset)).findFirst()
                .orElseThrow(() -> new ApiException(422, "asset_mismatch", "no pool keeps " + lossAsset, Map.of("field", "estimated_loss.asset")));
        Money estimatedLoss = body.money("estimated_loss", asset);
        Cause cause = cause(body.text("cause", Limits.TEXT_LENGTH_MAX));
        Instant occurredAt = instant(body.text("occurred_at", Limits.TEXT_LENGTH_MAX), "occurred_at");
        List<String> contracts = body.texts("contracts", Incident.CONTRACTS_MAX, Limits.TEXT_LENGTH_MAX);
        List<String> transactions = body.texts("transactions", Incident.TRANSACTIONS_MAX, Limits.TEXT_LENGTH_MAX);
        long fromBlock = body.integer("from_block", 0, Long.MAX_VALUE);
        long toBlock = body.integer("to_block", 0, Long.MAX_VALUE);
        String id = body.text("id", Identifiers.ID_LENGTH_MAX);
        String protocolId = body.text("protocol_id", Identifiers.ID_LENGTH_MAX);
        long lossShareBps = body.has("loss_share_bps") ? body.integer("loss_share_bps", 1, Ratio.BPS_PER_ONE) : Ratio.BPS_PER_ONE;
        Incident incident = Resources.valid(() -> new Incident(id, protocolId, contracts, fromBlock, toBlock, occurredAt, cause, estimatedLoss,
                transactions, lossShareBps));
        return resources.submit(call, commandId -> new Command.ReportIncident(commandId, incident));
    }

    Reply attest(Call call) {
        String incidentId = incidentCase(call).incident().id();
        String signature = signature(call);
        return resources.submit(call, commandId -> new Command.AttestIncident(commandId, incidentId, signature));
    }

    Reply dispute(Call call) {
        String incidentId = incidentCase(call).incident().id();
        String signature = signature(call);
        return resources.submit(call, commandId -> new Command.DisputeIncident(commandId, incidentId, signature));
    }

    Reply settle(Call call) {
        RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of());
        String incidentId = incidentCase(call).incident().id();
        return resources.submit(call, commandId -> new Command.SettleIncident(commandId, incidentId));
    }

    /**
     * Funds recovered for a settled incident (the operator's, with its evidence): they return to the pools that paid and, where
     * the covers' terms say so, to the holders for their deductible first. The amount is in the asset of a pool the incident
     * touched; another asset is refused asset_mismatch.
     */
    Reply recordRecovery(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("amount", "evidence"));
        IncidentCase incidentCase = incidentCase(call);
        String incidentId = incidentCase.incident().id();
        String evidence = body.text("evidence", io.auditcover.claims.Recovery.EVIDENCE_LENGTH_MAX);
        Money amount = body.money("amount", recoveryAsset(call.view(), incidentCase, body));
        return resources.submit(call, commandId -> new Command.RecordRecovery(commandId, incidentId, amount, evidence));
    }

    /** The asset the request names when a pool bearing the incident keeps it; else the first such pool's (or the loss's) asset. */
    private static io.auditcover.money.Asset recoveryAsset(ReadView view, IncidentCase incidentCase, RequestBody body) {
        String code = body.has("amount") ? body.object("amount", Set.of("amount", "asset")).text("asset", io.auditcover.money.Asset.CODE_LENGTH_MAX)
                : null;
        var assets = incidentCase.affectedPools().stream().map(id -> view.pools().get(id)).filter(java.util.Objects::nonNull)
                .map(Pool::asset).toList();
        return assets.stream().filter(asset -> asset.code().equals(code)).findFirst()
                .orElse(assets.isEmpty() ? incidentCase.incident().estimatedLoss().asset() : assets.getFirst());
    }

    /** The operator reopens a spent pool: it sells cover and takes deposits again; what it owes stays owed, paid first. */
    Reply reopenPool(Call call) {
        RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of());
        Pool pool = Resources.pool(call.view(), call.path("poolId"));
        return resources.submit(call, commandId -> new Command.ReopenPool(commandId, pool.id()));
    }

    // ---- claims

    Reply claims(Call call) {
        var scope = Authorization.scope(call.principal());
        var view = call.view();
        return Resources.page(call, view.claims(), call.afterId(), c -> Views.claim(c, now(call)),
                c -> scope.map(c.holder()::equals).orElse(true), c -> Long.toString(c.claimId()));
    }

    Reply claim(Call call) {
        return Reply.ok(Views.claim(claimCase(call), now(call)));
    }

    /** Every rule in order, its verdict and the facts it used, computed by the engine from the facts the claim was decided on. */
    Reply explanation(Call call) {
        long claimId = claimCase(call).claimId();
        Optional<Filings.Explanation> explanation = engineRead(state -> Filings.explain(state.claimBooks(), claimId));
        return Reply.ok(Views.explanation(explanation.orElseThrow(() -> ApiException.notFound("claim", Long.toString(claimId))),
                now(call)));
    }

    /** What the engine's own state answers now, read on its thread; unavailable when it does not answer in time. */
    private <T> T engineRead(java.util.function.Function<io.auditcover.engine.State, T> question) {
        try {
            return engine.read(question).get(Limits.COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Resources.unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw Resources.unavailable();
        }
    }

    /**
     * A page of the claims register, in claim id order: every claim with its incident, dates, amounts and reason code, read from
     * the engine's own state (the frozen terms give each claim's deductible and trigger).
     */
    Reply register(Call call) {
        long after = call.afterId();
        int limit = call.limit();
        var entries = engineRead(state -> io.auditcover.claims.ClaimRegister.entries(state.claimBooks(), after, limit));
        var items = Json.array();
        entries.forEach(entry -> items.add(Views.registerEntry(entry)));
        var node = Json.object();
        node.set("items", items);
        return Reply.ok(node.put("next_after", entries.size() == limit ? Long.toString(entries.getLast().claimId()) : null));
    }

    /** The whole register as RFC 4180 CSV ({@link RegisterCsv}), for a spreadsheet. */
    Reply registerCsv(Call call) {
        var entries = engineRead(state -> io.auditcover.claims.ClaimRegister.all(state.claimBooks()));
        var csv = new StringBuilder();
        RegisterCsv.register(csv, entries);
        return RegisterCsv.reply(csv);
    }

    /** The loss development triangles as RFC 4180 CSV, valued now. */
    Reply lossDevelopmentCsv(Call call) {
        Instant asOf = now(call);
        var triangles = engineRead(state -> io.auditcover.claims.ClaimRegister.development(state.claimBooks(), asOf));
        var csv = new StringBuilder();
        RegisterCsv.triangles(csv, triangles);
        return RegisterCsv.reply(csv);
    }

    /** The loss development triangles (paid by incident month and development month, cumulative), one per asset, valued now. */
    Reply lossDevelopment(Call call) {
        Instant asOf = now(call);
        var triangles = engineRead(state -> io.auditcover.claims.ClaimRegister.development(state.claimBooks(), asOf));
        var node = Json.object().put("as_of", asOf.toString());
        var items = node.putArray("triangles");
        triangles.forEach(triangle -> items.add(Views.triangle(triangle)));
        return Reply.ok(node);
    }

    /**
     * An indemnity claim by the cover's holder; the balances of the wallet declared at purchase either side of the incident
     * come from the chain, never the caller.
     */
    Reply fileClaim(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("cover_id", "incident_id", "claimed_loss"));
        long coverId = body.integer("cover_id", 1, Long.MAX_VALUE);
        String incidentId = body.text("incident_id", Identifiers.ID_LENGTH_MAX);
        Cover cover = call.view().covers().get(coverId);
        if (cover == null) {
            throw ApiException.of(Rejection.of(Reason.COVER_NOT_FOUND, "cover " + coverId + " does not exist"));
        }
        Money claimedLoss = body.money("claimed_loss", cover.amount().asset());
        String holder = Resources.wallet(call);
        if (!cover.holder().equals(holder)) {
            throw ApiException.forbidden("this cover belongs to someone else");
        }
        IncidentCase incidentCase = call.view().incidents().get(incidentId);
        LossEvidence evidence = null;
        if (incidentCase != null && cover.wallet() != null) {
            PositionReader reader = engineRead(state -> state.claimBooks().termsOf(cover)).position();
            try {
                evidence = lossEvidence.evidence(cover.wallet(), cover.amount().asset(), incidentCase.incident(), reader).orElse(null);
            } catch (LossEvidenceSource.Unavailable e) {
                throw new ApiException(503, "chain_unavailable", "the chain cannot prove the loss now; try again: " + e.getMessage(), Map.of());
            }
        }
        LossEvidence proof = evidence;
        return resources.submit(call, commandId -> new Command.FileClaim(commandId, holder, coverId, incidentId, claimedLoss, proof));
    }

    /**
     * The claim of a cover a protocol bought for its depositors, by its holder: the depositors and their positions either side of
     * the incident are read from the chain ({@code since_block}: where to start reading the position token's transfers, its
     * deployment; default the incident's block less {@link DepositorCover#SCAN_BLOCKS_MAX}), never
     * from the caller. depositors_unreadable when the chain cannot give them; 503 chain_unavailable to retry.
     */
    Reply fileDepositorClaim(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("cover_id", "incident_id", "since_block"));
        long coverId = body.integer("cover_id", 1, Long.MAX_VALUE);
        String incidentId = body.text("incident_id", Identifiers.ID_LENGTH_MAX);
        Cover cover = call.view().covers().get(coverId);
        if (cover == null) {
            throw ApiException.of(Rejection.of(Reason.COVER_NOT_FOUND, "cover " + coverId + " does not exist"));
        }
        String holder = Resources.wallet(call);
        if (!cover.holder().equals(holder)) {
            throw ApiException.forbidden("this cover belongs to someone else");
        }
        IncidentCase incidentCase = call.view().incidents().get(incidentId);
        if (incidentCase == null) {
            throw ApiException.of(Rejection.of(Reason.INCIDENT_NOT_FOUND, "incident " + incidentId + " was not reported"));
        }
        ClaimTerms terms = engineRead(state -> state.claimBooks().termsOf(cover));
        if (!terms.paysDepositors()) {
            throw ApiException.of(Rejection.of(Reason.INVALID_COMMAND, "cover " + coverId + " pays its insured wallet, not a protocol's depositors"));
        }
        long fromBlock = incidentCase.incident().fromBlock();
        long sinceBlock = body.has("since_block") ? body.integer("since_block", 0, Long.MAX_VALUE)
                : Math.max(0, fromBlock - DepositorCover.SCAN_BLOCKS_MAX + 1);
        io.auditcover.reason.Verdict<List<DepositorLoss>> read;
        try {
            read = lossEvidence.depositors(terms.position(), cover.amount().asset(), incidentCase.incident(), sinceBlock);
        } catch (LossEvidenceSource.Unavailable e) {
            throw new ApiException(503, "chain_unavailable", "the chain cannot give the depositors now; try again: " + e.getMessage(), Map.of());
        }
        List<DepositorLoss> depositors = switch (read) {
            case io.auditcover.reason.Verdict.Accepted<List<DepositorLoss>> accepted -> accepted.value();
            case io.auditcover.reason.Verdict.Refused<List<DepositorLoss>> refused -> throw ApiException.of(Rejection.of(refused.refusal()));
        };
        return resources.submit(call, commandId -> new Command.FileDepositorClaim(commandId, holder, coverId, incidentId, depositors));
    }

    /**
     * What each depositor would recover from a protocol-bought cover of {@code amount} on the listing (its terms' deductible, borne
     * once by the whole claim) if an incident took {@code losses} (comma-separated, at most {@link DepositorCover#QUOTED_LOSSES_MAX})
     * out of {@code exposed_funds}: the average clause when the exposed funds exceed the cover. Public, as a quote is.
     */
    Reply depositorRecovery(Call call) {
        Pool pool = Resources.pool(call.view(), call.requiredQuery("pool_id"));
        String protocolId = call.requiredQuery("protocol_id");
        String asset = call.requiredQuery("asset");
        if (!asset.equals(pool.asset().code())) {
            throw new ApiException(422, "asset_mismatch", "pool " + pool.id() + " keeps " + pool.asset().code() + ", not " + asset,
                    Map.of("field", "asset", "asset", pool.asset().code()));
        }
        Money amount = quotedMoney(pool, call.requiredQuery("amount"), "amount");
        Money exposed = quotedMoney(pool, call.requiredQuery("exposed_funds"), "exposed_funds");
        String[] written = call.requiredQuery("losses").split(",", -1);
        if (written.length > DepositorCover.QUOTED_LOSSES_MAX) {
            throw ApiException.malformed("losses", "at most " + DepositorCover.QUOTED_LOSSES_MAX + " losses are quoted at once");
        }
        var losses = new java.util.ArrayList<Money>();
        Money total = Money.zero(pool.asset());
        for (String loss : written) {
            losses.add(quotedMoney(pool, loss.strip(), "losses"));
            total = total.units() > Long.MAX_VALUE - losses.getLast().units() ? null : total.plus(losses.getLast());
            if (total == null) {
                throw ApiException.malformed("losses", "the losses add up to more than an amount can hold");
            }
        }
        if (!amount.isPositive() || total.exceeds(exposed)) {
            throw ApiException.malformed("losses", "the cover amount must be positive and the losses at most the exposed funds");
        }
        ClaimTerms terms = call.view().quoteState().listingClaimTerms().get(io.auditcover.pool.Listing.key(pool.id(), protocolId));
        Money deductible = terms == null ? Money.zero(pool.asset()) : terms.deductible();
        var recovery = DepositorCover.recovery(amount, deductible, exposed, losses);
        var node = Json.object().put("pool_id", pool.id()).put("protocol_id", protocolId)
                .put("pays_depositors", terms != null && terms.paysDepositors()).put("average_clause", recovery.averageClause());
        node.set("amount", Json.money(amount));
        node.set("exposed_funds", Json.money(exposed));
        node.set("deductible", Json.money(deductible));
        node.set("loss", Json.money(recovery.loss()));
        node.set("loss_counted", Json.money(recovery.lossCounted()));
        node.set("payable", Json.money(recovery.payable()));
        var each = node.putArray("depositors");
        for (int i = 0; i < losses.size(); i++) {
            var depositor = each.addObject();
            depositor.set("loss", Json.money(losses.get(i)));
            depositor.set("recovery", Json.money(recovery.recoveries().get(i)));
        }
        return Reply.ok(node);
    }

    private static Money quotedMoney(Pool pool, String written, String field) {
        return RequestBody.parseMoney(pool.asset(), RequestBody.checkDecimal(written, field), field);
    }

    /** A reimbursement on a cover for an incident: the holder declares its own, the operator declares for the protocol. */
    Reply declareReimbursement(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("incident_id", "amount", "source", "evidence"));
        long coverId = Authorization.id("coverId", call.path("coverId"));
        Cover cover = call.view().covers().get(coverId);
        if (cover == null) {
            throw ApiException.notFound("cover", Long.toString(coverId));
        }
        String incidentId = body.text("incident_id", Identifiers.ID_LENGTH_MAX);
        Money amount = body.money("amount", cover.amount().asset());
        String sourceText = body.text("source", Limits.TEXT_LENGTH_MAX);
        Reimbursement.Source source = Arrays.stream(Reimbursement.Source.values()).filter(s -> s.wire().equals(sourceText)).findFirst()
                .orElseThrow(() -> ApiException.malformed("source", "source must be one of "
                        + Arrays.stream(Reimbursement.Source.values()).map(Reimbursement.Source::wire).toList()));
        String evidence = body.text("evidence", Reimbursement.EVIDENCE_LENGTH_MAX);
        String declaredBy = call.principal() instanceof io.auditcover.access.Principal.Wallet wallet ? wallet.address() : Reimbursement.OPERATOR;
        return resources.submit(call, commandId -> new Command.DeclareReimbursement(commandId, declaredBy, coverId, incidentId, amount, source,
                evidence));
    }

    /** An assessor's vote and, optionally, its rationale; one past the limit is the engine's rationale_too_long, like every vote check. */
    Reply vote(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("accept", "rationale"));
        boolean accept = body.bool("accept");
        // Read one past the limit so the engine, not the parser, refuses it with its stable code.
        String rationale = body.has("rationale") ? body.text("rationale", Assessment.RATIONALE_LENGTH_MAX + 1) : null;
        long claimId = claimCase(call).claimId();
        String assessor = Resources.wallet(call);
        return resources.submit(call, commandId -> new Command.CastVote(commandId, assessor, claimId, accept, rationale));
    }

    /** The holder appeals a denied claim with a bond in the claim's asset. */
    Reply appeal(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("bond"));
        Claim claim = claimCase(call);
        Money bond = body.money("bond", claim.approved().asset());
        String holder = Resources.wallet(call);
        return resources.submit(call, commandId -> new Command.AppealClaim(commandId, holder, claim.claimId(), bond));
    }

    /** Who decides a listing's claims: a group of assessor wallets, one delegate wallet (who may then sign in as an assessor), or neither. */
    Reply setListingAssessors(Call call) {
        Pool pool = Resources.pool(call.view(), call.path("poolId"));
        var body = RequestBody.parse(call.body(), Set.of("protocol_id", "group", "delegate"));
        String protocolId = body.text("protocol_id", Identifiers.ID_LENGTH_MAX);
        List<String> group = body.has("group") ? body.addresses("group", io.auditcover.claims.ListingAssessors.GROUP_SIZE_MAX) : List.of();
        String delegate = body.has("delegate") ? body.address("delegate") : null;
        Reply reply = resources.submit(call, commandId -> new Command.SetListingAssessors(commandId, pool.id(), protocolId, group, delegate));
        if (delegate != null) {
            accessStore.addAssessor(delegate, clock.instant());
        }
        return reply;
    }

    /** Removes an assessor from the panels (its open seats go) and then revokes its sign-in as an assessor. */
    Reply removeAssessor(Call call) {
        RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of());
        String assessor = RequestBody.address(call.path("address"), "address");
        Reply reply = resources.submit(call, commandId -> new Command.RemoveAssessor(commandId, assessor));
        accessStore.removeAssessor(assessor);
        return reply;
    }

    /** The body's {@code amount} of a stake, a slash or a withdrawal: money in the asset of some pool. */
    private Money assessorMoney(Call call, RequestBody body) {
        return body.money("amount", poolAsset(call, body.object("amount", Set.of("amount", "asset")).text("asset", Asset.CODE_LENGTH_MAX),
                "amount.asset"));
    }

    /** Records an assessor's stake paid in, in the asset of a pool. */
    Reply stake(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("amount"));
        String assessor = RequestBody.address(call.path("address"), "address");
        Money amount = assessorMoney(call, body);
        return resources.submit(call, commandId -> new Command.StakeAssessor(commandId, assessor, amount));
    }

    /** Slashes part of an assessor's stake for a fraudulent vote on a claim, with the evidence. */
    Reply slash(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("claim_id", "amount", "evidence"));
        String assessor = RequestBody.address(call.path("address"), "address");
        long claimId = body.integer("claim_id", 1, Long.MAX_VALUE);
        Money amount = assessorMoney(call, body);
        String evidence = body.text("evidence", io.auditcover.claims.Slash.EVIDENCE_LENGTH_MAX);
        return resources.submit(call, commandId -> new Command.SlashAssessor(commandId, assessor, claimId, amount, evidence));
    }

    /** Reverses a slash within its cooldown. */
    Reply reverseSlash(Call call) {
        RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of());
        long slashId = Authorization.id("slashId", call.path("slashId"));
        return resources.submit(call, commandId -> new Command.ReverseSlash(commandId, slashId));
    }

    /** Asks to take part or all of an assessor's stake back after the notice, in the asset of a pool. */
    Reply requestStakeWithdrawal(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("amount"));
        String assessor = RequestBody.address(call.path("address"), "address");
        Money amount = assessorMoney(call, body);
        return resources.submit(call, commandId -> new Command.RequestStakeWithdrawal(commandId, assessor, amount));
    }

    /** Pays out the assessor's stake withdrawal request whose notice is over. */
    Reply withdrawStake(Call call) {
        RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of());
        String assessor = RequestBody.address(call.path("address"), "address");
        return resources.submit(call, commandId -> new Command.WithdrawStake(commandId, assessor));
    }

    /** Registered and removed assessors, each listing's group or delegate, stakes and slashes, as the engine holds them now. */
    Reply assessors(Call call) {
        try {
            return Reply.ok(engine.read(state -> Views.assessors(state.claimBook())).get(Limits.COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Resources.unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw Resources.unavailable();
        }
    }

    private static Asset poolAsset(Call call, String code, String field) {
        return call.view().pools().values().stream().map(Pool::asset).filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow(() -> new ApiException(422, "asset_mismatch", "no pool keeps " + code, Map.of("field", field)));
    }

    Reply undoVotes(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("assessors"));
        List<String> assessors = body.texts("assessors", Assessment.PANEL_SIZE_MAX, Limits.TEXT_LENGTH_MAX);
        long claimId = claimCase(call).claimId();
        return resources.submit(call, commandId -> new Command.UndoVotes(commandId, claimId, assessors));
    }

    Reply escalate(Call call) {
        RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of());
        long claimId = claimCase(call).claimId();
        String holder = Resources.wallet(call);
        return resources.submit(call, commandId -> new Command.EscalateClaim(commandId, holder, claimId));
    }

    // ---- operators' claim set-up

    /** Which oracles confirm incidents from now on, how many must, and the windows (hours). */
    Reply configureOracles(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("oracles", "threshold", "attestation_window_hours", "dispute_window_hours"));
        List<String> oracles = body.addresses("oracles", AttestationRules.ORACLES_MAX);
        int threshold = (int) body.integer("threshold", 1, AttestationRules.ORACLES_MAX);
        Duration attestation = Duration.ofHours(body.integer("attestation_window_hours", 1, HOURS_MAX));
        Duration dispute = Duration.ofHours(body.integer("dispute_window_hours", 0, HOURS_MAX));
        AttestationRules rules = Resources.valid(() -> new AttestationRules(Set.copyOf(oracles), threshold, attestation, dispute));
        return resources.submit(call, commandId -> new Command.ConfigureAttestation(commandId, rules));
    }

    /** Seats an assessor wallet on the panels of its tier (and every escalation) and lets it sign in as an assessor. */
    Reply registerAssessor(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("address", "weight", "tier"));
        String address = body.address("address");
        long weight = body.integer("weight", 1, Long.MAX_VALUE);
        int tier = (int) body.integer("tier", 1, Integer.MAX_VALUE);
        Reply reply = resources.submit(call, commandId -> new Command.RegisterAssessor(commandId, address, weight, tier));
        accessStore.addAssessor(address, clock.instant());
        return reply;
    }

    Reply configureAssessment(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("voting_period_hours", "final_stretch_hours", "extension_hours", "quorum_weight",
                "cooldown_hours", "escalation_panel_growth_min"));
        var rules = Resources.valid(() -> new AssessmentRules(Duration.ofHours(body.integer("voting_period_hours", 1, HOURS_MAX)),
                Duration.ofHours(body.integer("final_stretch_hours", 0, HOURS_MAX)), Duration.ofHours(body.integer("extension_hours", 0, HOURS_MAX)),
                body.integer("quorum_weight", 1, Long.MAX_VALUE), Duration.ofHours(body.integer("cooldown_hours", 0, HOURS_MAX)),
                (int) body.integer("escalation_panel_growth_min", 1, Assessment.PANEL_SIZE_MAX)));
        return resources.submit(call, commandId -> new Command.ConfigureAssessment(commandId, rules));
    }

    /** The claim terms covers sold from now on this listing get frozen into them. */
    Reply setClaimTerms(Call call) {
        Pool pool = Resources.pool(call.view(), call.path("poolId"));
        var body = RequestBody.parse(call.body(), Set.of("protocol_id", "trigger", "payout_ratio", "deductible", "exclusions",
                "waiting_period_days", "claim_window_days", "payout_basis", "minimum_loss_share", "recoveries_to_holder_deductible_first",
                "position_reader", "payees"));
        String protocolId = body.text("protocol_id", Identifiers.ID_LENGTH_MAX);
        String trigger = body.text("trigger", Limits.TEXT_LENGTH_MAX);
        if (!trigger.equals("parametric") && !trigger.equals("indemnity")) {
            throw ApiException.malformed("trigger", "trigger must be parametric or indemnity");
        }
        Ratio payoutRatio = body.has("payout_ratio") ? Resources.ratio(body, "payout_ratio") : Ratio.ONE;
        Money deductible = body.has("deductible") ? body.money("deductible", pool.asset()) : Money.zero(pool.asset());
        Set<Cause> exclusions = body.has("exclusions")
                ? body.texts("exclusions", Cause.values().length, Limits.TEXT_LENGTH_MAX).stream().map(ClaimResources::cause)
                        .collect(java.util.stream.Collectors.toSet())
                : Cause.defaultExclusions();
        Duration waiting = Duration.ofDays(body.has("waiting_period_days") ? body.integer("waiting_period_days", 0, 366) : 0);
        Duration window = Duration.ofDays(body.has("claim_window_days") ? body.integer("claim_window_days", 0, 366) : 30);
        String basis = body.has("payout_basis") ? body.text("payout_basis", Limits.TEXT_LENGTH_MAX) : "fixed";
        if (!basis.equals("fixed") && !basis.equals("loss_share")) {
            throw ApiException.malformed("payout_basis", "payout_basis must be fixed or loss_share");
        }
        Ratio minimumLossShare = body.has("minimum_loss_share") ? Resources.ratio(body, "minimum_loss_share") : null;
        Boolean holderFirst = body.has("recoveries_to_holder_deductible_first") ? body.bool("recoveries_to_holder_deductible_first") : null;
        ClaimTerms terms = Resources.valid(() -> new ClaimTerms(TriggerKind.valueOf(trigger.toUpperCase(Locale.ROOT)), payoutRatio,
                deductible, exclusions, waiting, window, ClaimTerms.PayoutBasis.valueOf(basis.toUpperCase(Locale.ROOT)), minimumLossShare,
                holderFirst, body.has("position_reader") ? positionReader(body.object("position_reader", POSITION_READER_FIELDS)) : null,
                payees(body)));
        if (terms.position() != null) {
            try {
                lossEvidence.refusal(terms.position()).ifPresent(refusal -> {
                    throw ApiException.of(Rejection.of(refusal));
                });
            } catch (LossEvidenceSource.Unavailable e) {
                throw new ApiException(503, "chain_unavailable", "the chain cannot check the position reader now; try again: " + e.getMessage(),
                        Map.of());
            }
        }
        return resources.submit(call, commandId -> new Command.SetClaimTerms(commandId, pool.id(), protocolId, terms));
    }

    /** {@code "insured_wallet"} (the default) or {@code "depositors"}: cover a protocol buys for its depositors. */
    private static ClaimTerms.Payees payees(RequestBody body) {
        if (!body.has("payees")) {
            return null;
        }
        String written = body.text("payees", Limits.TEXT_LENGTH_MAX);
        return switch (written) {
            case "insured_wallet" -> null;
            case "depositors" -> ClaimTerms.Payees.DEPOSITORS;
            default -> throw ApiException.malformed("payees", "payees must be insured_wallet or depositors");
        };
    }

    static final Set<String> POSITION_READER_FIELDS = Set.of("kind", "token", "custodian", "rate");

    /**
     * {@code {"kind": "erc4626" | "erc20_balance" | "compound_v2", "token": "0x…", "custodian": "0x…", "rate": "1"}}:
     * unknown_position_kind for a kind this build does not read; an erc20_balance reader's rate defaults to 1.
     */
    private static PositionReader positionReader(RequestBody body) {
        String written = body.text("kind", Limits.TEXT_LENGTH_MAX);
        PositionReader.Kind kind = PositionReader.Kind.ofWire(written).orElseThrow(() -> ApiException.of(Rejection.of(
                Reason.UNKNOWN_POSITION_KIND, "a position reader is of kind " + Arrays.stream(PositionReader.Kind.values())
                        .map(PositionReader.Kind::wire).toList() + ", not " + written, Map.of("field", "position_reader.kind"))));
        String token = body.text("token", Limits.TEXT_LENGTH_MAX);
        String custodian = body.has("custodian") ? body.text("custodian", Limits.TEXT_LENGTH_MAX) : null;
        Ratio rate = body.has("rate") ? Resources.ratio(body, "rate") : kind == PositionReader.Kind.ERC20_BALANCE ? Ratio.ONE : null;
        return Resources.valid(() -> new PositionReader(kind, token, custodian, rate));
    }

    /**
     * An excess-of-loss layer (retention and limit; priced as a treaty with an annual premium, reinstatements, their premium
     * as a share of the annual premium, and the reinsurer), or with none of these, no reinsurance.
     */
    Reply setReinsurance(Call call) {
        Pool pool = Resources.pool(call.view(), call.path("poolId"));
        var body = RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of("retention", "limit", "annual_premium",
                "reinstatements", "reinstatement_premium", "reinsurer"));
        ExcessOfLoss layer = null;
        if (body.has("retention") || body.has("limit") || body.has("annual_premium") || body.has("reinstatements")
                || body.has("reinstatement_premium") || body.has("reinsurer")) {
            Money retention = body.money("retention", pool.asset());
            Money limit = body.money("limit", pool.asset());
            Money annualPremium = body.has("annual_premium") ? body.money("annual_premium", pool.asset()) : null;
            Integer reinstatements = body.has("reinstatements") ? (int) body.integer("reinstatements", 0, ExcessOfLoss.REINSTATEMENTS_MAX) : null;
            Ratio reinstatementPremium = body.has("reinstatement_premium") ? Resources.ratio(body, "reinstatement_premium") : null;
            String reinsurer = body.has("reinsurer") ? body.text("reinsurer", 64) : null;
            layer = Resources.valid(() -> new ExcessOfLoss(retention, limit, annualPremium, reinstatements, reinstatementPremium, reinsurer));
        }
        ExcessOfLoss chosen = layer;
        return resources.submit(call, commandId -> new Command.SetReinsurance(commandId, pool.id(), chosen));
    }

    // ---- helpers

    private static IncidentCase incidentCase(Call call) {
        String id = call.path("incidentId");
        IncidentCase incidentCase = call.view().incidents().get(id);
        if (incidentCase == null) {
            throw ApiException.notFound("incident", id.length() > 64 ? id.substring(0, 64) + "..." : id);
        }
        return incidentCase;
    }

    private static Claim claimCase(Call call) {
        String id = call.path("claimId");
        Claim claim = call.view().claims().get(Authorization.id("claimId", id));
        if (claim == null) {
            throw ApiException.notFound("claim", id);
        }
        return claim;
    }

    private static String signature(Call call) {
        return RequestBody.parse(call.body(), Set.of("signature")).text("signature", io.auditcover.access.SignInWithEthereum.SIGNATURE_LENGTH_MAX);
    }

    private static Cause cause(String text) {
        try {
            return Cause.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.malformed("cause", "cause must be one of " + Arrays.stream(Cause.values()).map(Cause::wire).toList());
        }
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.malformed(field, field + " must be an ISO-8601 instant, e.g. 2026-03-01T12:00:00Z");
        }
    }
}
