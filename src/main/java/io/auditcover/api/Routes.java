package io.auditcover.api;

import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Claim;
import static io.auditcover.api.Authorization.Owner.CLAIM;
import static io.auditcover.api.Authorization.Owner.COVER;
import static io.auditcover.api.Authorization.Owner.NONE;
import static io.auditcover.api.Authorization.Owner.WITHDRAWAL;
import static io.auditcover.api.Authorization.Rule.ASSESSOR;
import static io.auditcover.api.Authorization.Rule.OPERATOR;
import static io.auditcover.api.Authorization.Rule.PUBLIC;
import static io.auditcover.api.Authorization.Rule.SIGNED_IN;
import static io.auditcover.api.Authorization.Rule.STAFF;
import static io.auditcover.api.Authorization.Rule.WALLET;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.auditcover.api.Route.Action;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route the server answers, with who may call it: the table the server registers, the OpenAPI
 * document describes and the access-matrix test walks. A new capability adds its rows here.
 */
final class Routes {
    private static final List<String> PAGE = List.of("limit", "after");
    private final List<Route> routes = new ArrayList<>();

    private Routes() {
    }

    static List<Route> all(Resources r, ClaimResources c, SolvencyResources s, Route.Action openApi, Route.Action metrics) {
        var table = new Routes();
        table.add(GET, "/health", PUBLIC, NONE, "service", "Liveness: the writer is running", List.of(), null, 200, "Status", r::health);
        table.add(GET, "/ready", PUBLIC, NONE, "service", "Readiness: the engine serves reads and writes", List.of(), null, 200,
                "Status", r::ready);
        table.add(GET, "/metrics", PUBLIC, NONE, "service", "Prometheus metrics (text exposition format)", List.of(), null, 200,
                null, metrics);
        table.add(GET, "/openapi.json", PUBLIC, NONE, "service", "This API's OpenAPI 3.1 document", List.of(), null, 200, null, openApi);

        table.add(GET, "/api/auth/nonce", PUBLIC, NONE, "auth", "A single-use nonce for a Sign-In with Ethereum message", List.of(),
                null, 200, "Nonce", r::nonce);
        table.add(POST, "/api/auth/siwe", PUBLIC, NONE, "auth", "Sign in with a signed EIP-4361 message; returns a session token",
                List.of(), "SignIn", 200, "Session", r::signIn);
        table.add(GET, "/api/me", SIGNED_IN, NONE, "auth", "Who the caller is", List.of(), null, 200, "Me", r::me);

        table.add(GET, "/api/protocols", PUBLIC, NONE, "evidence", "Protocols with contracts, audits and coverage status", PAGE, null,
                200, "ProtocolPage", r::protocols);
        table.add(POST, "/api/protocols", OPERATOR, NONE, "evidence", "Register a protocol", List.of(), "NewProtocol", 201,
                "Written", r::registerProtocol);
        table.add(GET, "/api/protocols/{protocolId}", PUBLIC, NONE, "evidence", "One protocol with its evidence", List.of(), null,
                200, "Protocol", r::protocol);
        table.add(POST, "/api/protocols/{protocolId}/contracts", OPERATOR, NONE, "evidence", "Register a deployed contract",
                List.of(), "NewContract", 201, "Written", r::registerContract);
        table.add(POST, "/api/protocols/{protocolId}/audits", OPERATOR, NONE, "evidence", "Register an audit report", List.of(),
                "NewAudit", 201, "Written", r::registerAudit);
        table.add(POST, "/api/protocols/{protocolId}/risk-profile", OPERATOR, NONE, "evidence",
                "Set the protocol's risk profile (the evidence the pricing factors read beyond audits)", List.of(), "NewRiskProfile", 201,
                "Written", r::registerRiskProfile);
        var scopeChecks = new ScopeCheckResources(r);
        table.add(POST, "/api/code-observations", OPERATOR, NONE, "evidence",
                "Record one contract's code as read from a node at a block (./auditcover chain check --record): claims on an incident at"
                        + " that block read its scope from it, with no watcher and no node on this server", List.of(), "NewCodeObservation",
                201, "Written", scopeChecks::recordCodeObservation);
        table.add(POST, "/api/scope-checks", OPERATOR, NONE, "evidence",
                "Record an operator's judgement, with its evidence, of whether a contract's code was in audited scope at a block",
                List.of(), "NewScopeCheck", 201, "Written", scopeChecks::recordScopeCheck);
        table.add(POST, "/api/pricing-parameters", OPERATOR, NONE, "pricing",
                "Put a calibration into service: a parameter file as calibrate writes it, for new quotes only (covers keep theirs)", List.of(),
                "PricingParameters", 201, "Written", r::setPricingParameters);

        table.add(GET, "/api/pools", PUBLIC, NONE, "pools", "Pools: capital, locked, free, NAV per share, premiums, exposure", PAGE,
                null, 200, "PoolPage", r::pools);
        table.add(POST, "/api/pools", OPERATOR, NONE, "pools", "Create a pool", List.of(), "NewPool", 201, "Written", r::createPool);
        table.add(GET, "/api/pools/{poolId}", PUBLIC, NONE, "pools", "One pool", List.of(), null, 200, "Pool", r::pool);
        table.add(POST, "/api/pools/{poolId}/listings", OPERATOR, NONE, "pools", "List a protocol in a pool at an annual rate",
                List.of(), "NewListing", 201, "Written", r::listProtocol);
        table.add(POST, "/api/pools/{poolId}/deposits", WALLET, NONE, "pools", "Deposit capital as the signed-in underwriter",
                List.of(), "NewDeposit", 201, "Written", r::deposit);
        table.add(GET, "/api/positions", SIGNED_IN, NONE, "pools", "Underwriter positions (a wallet sees its own)", List.of("limit"),
                null, 200, "Page", r::positions);
        table.add(GET, "/api/withdrawal-requests", SIGNED_IN, NONE, "pools", "Withdrawal requests (a wallet sees its own)", PAGE,
                null, 200, "Page", r::withdrawalRequests);
        table.add(GET, "/api/held-withdrawals", SIGNED_IN, NONE, "pools",
                "Withdrawals paid and held back for the pool's incident report window: how much and until when (a wallet sees its own)",
                PAGE, null, 200, "Page", r::heldWithdrawals);
        table.add(POST, "/api/withdrawal-requests", WALLET, NONE, "pools", "Ask to withdraw shares after the notice period",
                List.of(), "NewWithdrawalRequest", 201, "Written", r::requestWithdrawal);
        table.add(POST, "/api/withdrawal-requests/{requestId}/withdraw", WALLET, WITHDRAWAL, "pools",
                "Withdraw once the notice period is over (owner only)", List.of(), null, 201, "Written", r::withdraw);

        table.add(GET, "/api/quotes", PUBLIC, NONE, "covers", "Price cover now, with its breakdown and the most that fits",
                List.of("pool_id", "protocol_id", "amount", "asset", "period_days"), null, 200, "Quote", r::quote);
        table.add(GET, "/api/covers", SIGNED_IN, NONE, "covers", "Covers (a wallet sees its own)", PAGE, null, 200, "Page", r::covers);
        table.add(POST, "/api/covers", WALLET, NONE, "covers", "Buy cover as the signed-in holder", List.of(), "NewCover", 201,
                "Written", r::buyCover);
        table.add(GET, "/api/consents/statement", PUBLIC, NONE, "covers",
                "The EIP-712 typed data a wallet signs to consent to be insured by a buyer on a pool and protocol until valid_until",
                List.of("wallet", "buyer", "pool_id", "protocol_id", "valid_until"), null, 200, null, r::consentStatement);
        table.add(GET, "/api/covers/{coverId}", SIGNED_IN, COVER, "covers", "One cover (its holder or staff)", List.of(), null, 200,
                "Cover", r::cover);
        table.add(POST, "/api/covers/{coverId}/reimbursements", Authorization.Rule.WALLET_OR_OPERATOR, COVER, "claims",
                "Declare what an incident's loss on this cover was already reimbursed, and by whom (the cover's holder, or the operator"
                        + " for the protocol): its indemnity claim pays the loss net of it", List.of(), "NewReimbursement", 201, "Written",
                c::declareReimbursement);

        table.add(GET, "/api/incidents", PUBLIC, NONE, "incidents", "Reported incidents with their attestation status", PAGE, null,
                200, "IncidentPage", c::incidents);
        table.add(POST, "/api/incidents", OPERATOR, NONE, "incidents", "Report an incident for the security oracles to confirm",
                List.of(), "NewIncident", 201, "Written", c::reportIncident);
        table.add(GET, "/api/incidents/{incidentId}", PUBLIC, NONE, "incidents", "One incident: signers, disputers, status, windows",
                List.of(), null, 200, "Incident", c::incident);
        table.add(GET, "/api/incidents/{incidentId}/statement", PUBLIC, NONE, "incidents",
                "The EIP-712 typed data an oracle signs to confirm (confirms=true) or dispute (confirms=false) the incident",
                List.of("confirms"), null, 200, null, c::statement);
        table.add(POST, "/api/incidents/{incidentId}/attestations", PUBLIC, NONE, "incidents",
                "An oracle's signed confirmation (the signature is the credential)", List.of(), "Signature", 201, "Written", c::attest);
        table.add(POST, "/api/incidents/{incidentId}/disputes", PUBLIC, NONE, "incidents",
                "An oracle's signed dispute of a confirmed incident (the signature is the credential)", List.of(), "Signature", 201,
                "Written", c::dispute);
        table.add(POST, "/api/incidents/{incidentId}/settlement", SIGNED_IN, NONE, "incidents",
                "Decide and pay every claim of a final incident, or close a rejected one", List.of(), null, 201, "Written", c::settle);

        table.add(POST, "/api/incidents/{incidentId}/recoveries", OPERATOR, NONE, "incidents",
                "Record funds recovered after the incident's claims were paid, with its evidence: they go back to the pools that paid,"
                        + " pro rata to what each paid, and first to holders for their deductible where their covers' terms say so",
                List.of(), "NewRecovery", 201, "Written", c::recordRecovery);
        table.add(POST, "/api/pools/{poolId}/reopen", OPERATOR, NONE, "pools",
                "Reopen a spent pool (short at a settlement): it sells cover and takes deposits again, and still owes its unpaid claims,"
                        + " paid first from any capital it gains, a deposit's included", List.of(), null, 201, "Written", c::reopenPool);
        table.add(POST, "/api/oracles", OPERATOR, NONE, "incidents", "Which security oracles confirm incidents from now on, k, and the windows",
                List.of(), "OracleRules", 201, "Written", c::configureOracles);
        table.add(POST, "/api/pools/{poolId}/claim-terms", OPERATOR, NONE, "claims",
                "The claim terms covers sold from now on a listing get frozen into them", List.of(), "ClaimTerms", 201, "Written",
                c::setClaimTerms);
        table.add(POST, "/api/pools/{poolId}/reinsurance", OPERATOR, NONE, "pools",
                "Set the pool's excess-of-loss layer (retention, limit), or remove it with an empty body", List.of(), "Reinsurance", 201,
                "Written", c::setReinsurance);
        table.add(GET, "/api/solvency", PUBLIC, NONE, "solvency",
                "The last solvency run: each pool's SCR, solvency ratio, MCR, exceedance curves and capital by listing against its"
                        + " policy; the book; capital by dependency group; the correlations used", List.of(), null, 200, null, s::solvency);
        table.add(GET, "/api/solvency/stress", PUBLIC, NONE, "solvency",
                "Named stress scenarios over the book now (a fork family, an oracle, a chain, a bridge, an auditor fails; the largest"
                        + " protocol is exploited): each pool's gross and net loss, recovery, capital after and whether it survives",
                List.of(), null, 200, null, s::stress);
        table.add(GET, "/api/pools/{poolId}/solvency", PUBLIC, NONE, "solvency", "One pool's solvency figures and policy", List.of(), null,
                200, null, s::poolSolvency);
        table.add(POST, "/api/solvency/runs", OPERATOR, NONE, "solvency",
                "Simulate the book now (years, seed) and record the run: purchases are gated by its figures", List.of(), "SolvencyRun", 201,
                "Written", s::run);
        table.add(POST, "/api/pools/{poolId}/solvency-policy", OPERATOR, NONE, "solvency",
                "The pool's minimum solvency ratio and its caps on the share of capacity exposed to one dependency group", List.of(),
                "SolvencyPolicy", 201, "Written", s::setPolicy);
        table.add(POST, "/api/protocols/{protocolId}/dependencies", OPERATOR, NONE, "solvency",
                "What a protocol depends on: fork parent, oracle, chain, bridge, auditor", List.of(), "Dependencies", 201, "Written",
                s::recordDependencies);
        table.add(POST, "/api/assessors", OPERATOR, NONE, "claims", "Seat an assessor wallet with its weight and tier (it signs in as an assessor)",
                List.of(), "NewAssessor", 201, "Written", c::registerAssessor);
        table.add(POST, "/api/assessment-rules", OPERATOR, NONE, "claims", "Voting period, silent ending, quorum, cooldown, escalation",
                List.of(), "AssessmentRules", 201, "Written", c::configureAssessment);
        table.add(GET, "/api/claims", SIGNED_IN, NONE, "claims", "Claims and their decisions (a wallet sees those on its covers)",
                PAGE, null, 200, "Page", c::claims);
        table.add(POST, "/api/claims", WALLET, NONE, "claims",
                "File an indemnity claim on your cover; the proof of loss is read from the chain", List.of(), "NewClaim", 201, "Written",
                c::fileClaim);
        // Before /api/claims/{claimId}, which would otherwise take "register" for a claim id.
        table.add(GET, "/api/claims/register", OPERATOR, NONE, "claims",
                "The claims register for auditors: every claim with its incident, dates (occurred, reported, confirmed, filed, decided,"
                        + " paid), amounts (claimed, proven, approved, paid, deductible, shortfall, recovered) and reason code", PAGE, null, 200, "Page",
                c::register);
        table.add(GET, "/api/claims/register.csv", OPERATOR, NONE, "claims",
                "The whole claims register as RFC 4180 CSV (one header row, one row per claim; the columns of the register's fields)",
                List.of(), null, 200, null, c::registerCsv);
        table.add(GET, "/api/claims/register/loss-development.csv", OPERATOR, NONE, "claims",
                "The loss development triangles as RFC 4180 CSV: asset, incident month, cumulative paid by development month",
                List.of(), null, 200, null, c::lossDevelopmentCsv);
        table.add(GET, "/api/claims/register/loss-development", OPERATOR, NONE, "claims",
                "Loss development triangles: paid by incident month and development month, cumulative, one per asset", List.of(), null,
                200, "LossDevelopment", c::lossDevelopment);
        table.add(POST, "/api/claims/depositors", WALLET, NONE, "claims",
                "File the claim of a cover a protocol bought for its depositors; who they are and what they lost is read from the chain",
                List.of(), "NewDepositorClaim", 201, "Written", c::fileDepositorClaim);
        table.add(GET, "/api/quotes/depositor-recovery", PUBLIC, NONE, "covers",
                "What each depositor would recover from a protocol-bought cover at given losses, under the average clause",
                List.of("pool_id", "protocol_id", "amount", "asset", "exposed_funds", "losses"), null, 200, "DepositorRecovery",
                c::depositorRecovery);
        table.add(GET, "/api/claims/{claimId}", SIGNED_IN, CLAIM, "claims", "One claim (the cover's holder or staff)", List.of(),
                null, 200, "Claim", c::claim);
        table.add(GET, "/api/claims/{claimId}/explanation", SIGNED_IN, CLAIM, "claims",
                "Every rule in order with its verdict and the facts it used (the cover's holder or staff)", List.of(), null, 200,
                "Explanation", c::explanation);
        table.add(POST, "/api/claims/{claimId}/votes", ASSESSOR, NONE, "claims", "An assessor's vote to accept or deny", List.of(),
                "NewVote", 201, "Written", c::vote);
        table.add(POST, "/api/claims/{claimId}/vote-undos", OPERATOR, NONE, "claims", "Undo fraudulent votes during the cooldown",
                List.of(), "NewVoteUndo", 201, "Written", c::undoVotes);
        table.add(POST, "/api/claims/{claimId}/escalation", WALLET, CLAIM, "claims",
                "Take an assessed claim to the larger panel (the cover's holder)", List.of(), null, 201, "Written", c::escalate);
        table.add(POST, "/api/claims/{claimId}/appeal", WALLET, CLAIM, "claims",
                "Appeal a denied claim with a bond (the cover's holder): the rules' denial to a first panel, a first panel's denial to the"
                        + " escalation panel, once", List.of(), "NewAppeal", 201, "Written", c::appeal);
        table.add(GET, "/api/assessors", STAFF, NONE, "claims", "Registered and removed assessors, each listing's group or delegate, stakes"
                + " and slashes", List.of(), null, 200, null, c::assessors);
        table.add(POST, "/api/pools/{poolId}/listing-assessors", OPERATOR, NONE, "claims",
                "Name who decides a listing's claims: a group of assessors, or one delegate deciding alone", List.of(), "ListingAssessors",
                201, "Written", c::setListingAssessors);
        table.add(POST, "/api/assessors/{address}/removal", OPERATOR, NONE, "claims",
                "Remove an assessor from the panels (it loses its seats on votes not yet final) and revoke its sign-in", List.of(), null,
                201, "Written", c::removeAssessor);
        table.add(POST, "/api/assessors/{address}/stakes", OPERATOR, NONE, "claims", "Record an assessor's stake paid in", List.of(),
                "NewStake", 201, "Written", c::stake);
        table.add(POST, "/api/assessors/{address}/slashes", OPERATOR, NONE, "claims",
                "Slash part of an assessor's stake for a fraudulent vote; held through the cooldown, then forfeited to the pool",
                List.of(), "NewSlash", 201, "Written", c::slash);
        table.add(POST, "/api/slashes/{slashId}/reversal", OPERATOR, NONE, "claims", "Reverse a slash within its cooldown", List.of(),
                null, 201, "Written", c::reverseSlash);
        table.add(POST, "/api/assessors/{address}/stake-withdrawal-requests", OPERATOR, NONE, "claims",
                "Ask to take part or all of an assessor's free stake back after the assessment cooldown (replaces an earlier request)",
                List.of(), "NewStakeWithdrawal", 201, "Written", c::requestStakeWithdrawal);
        table.add(POST, "/api/assessors/{address}/stake-withdrawals", OPERATOR, NONE, "claims",
                "Pay out the assessor's stake withdrawal request, its notice over, to its wallet account", List.of(), null, 201,
                "Written", c::withdrawStake);
        table.add(POST, "/api/time/advance", OPERATOR, NONE, "engine", "Move engine time to now: earn premium, expire covers",
                List.of(), null, 201, "Written", r::advanceTime);

        table.add(GET, "/api/ledger/accounts", PUBLIC, NONE, "ledger", "Account balances", List.of(), null, 200, "Page", r::accounts);
        table.add(GET, "/api/ledger/transfers", STAFF, NONE, "ledger", "Transfers in order", PAGE, null, 200, "Page", r::transfers);
        table.add(GET, "/api/log/head", PUBLIC, NONE, "log", "The log's head sequence and hash", List.of(), null, 200, "LogHead",
                r::logHead);
        table.add(GET, "/api/log/records/{sequence}", STAFF, NONE, "log", "One log record by sequence", List.of(), null, 200,
                "LogRecord", r::logRecord);
        table.add(GET, "/api/log/state-hash", OPERATOR, NONE, "log",
                "This instance's state hash and the log sequence it reflects (on a quiet log, the same on every instance)", List.of(), null,
                200, null, r::stateHash);
        table.add(GET, "/api/log/verify", OPERATOR, NONE, "log", "Walk the hash chain", List.of(), null, 200, "Verification",
                r::verifyLog);
        return List.copyOf(table.routes);
    }

    private void add(HandlerType method, String path, Authorization.Rule rule, Authorization.Owner owner, String tag, String summary,
            List<String> query, String requestSchema, int status, String responseSchema, Action action) {
        routes.add(new Route(method, path, rule, owner, tag, summary, query, requestSchema, status, responseSchema, action));
    }
}
