package io.auditcover.api;

import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Claim;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document, generated from the route table so it cannot drift from what is served.
 * Schemas name every field a client sends; responses name their main fields and allow more.
 */
final class OpenApi {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

    private OpenApi() {
    }

    static byte[] document(List<Route> routes) {
        var root = Json.object().put("openapi", "3.1.0");
        root.putObject("info").put("title", "Auditcover API").put("version", "1")
                .put("description", "Code-audit insurance: protocols and their audits, pools, covers, claims, the ledger and the"
                        + " tamper-evident log. Money is always {amount: decimal string, asset: code}. Errors are"
                        + " {error, message, details}. Writes take an Idempotency-Key header: a retry returns the first answer.");
        var paths = root.putObject("paths");
        for (Route route : routes) {
            var item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            item.set(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        var components = root.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "An operator API key (ac_...) or a session token from POST /api/auth/siwe");
        components.set("schemas", schemas());
        return Json.bytes(root);
    }

    private static ObjectNode operation(Route route) {
        var op = Json.object().put("operationId", operationId(route)).put("summary", route.summary());
        op.putArray("tags").add(route.tag());
        var parameters = op.putArray("parameters");
        var matcher = PATH_PARAMETER.matcher(route.path());
        while (matcher.find()) {
            var parameter = parameters.addObject().put("name", matcher.group(1)).put("in", "path").put("required", true);
            parameter.putObject("schema").put("type", "string");
        }
        for (String query : route.queryParameters()) {
            var parameter = parameters.addObject().put("name", query).put("in", "query")
                    .put("required", !query.equals("limit") && !query.equals("after"));
            parameter.putObject("schema").put("type", query.equals("limit") ? "integer" : "string");
        }
        if (route.method() == HandlerType.GET) {
            var wanted = parameters.addObject().put("name", ApiServer.MIN_SEQUENCE).put("in", "header").put("required", false)
                    .put("description", "Answer from a view that reflects the log at least up to this sequence (a write's log_sequence),"
                            + " waiting up to " + Limits.MIN_SEQUENCE_WAIT_MAX.toSeconds() + " s, else 503 sequence_not_reached;"
                            + " every read's " + ApiServer.LOG_SEQUENCE + " header says the sequence it reflects");
            wanted.putObject("schema").put("type", "integer").put("minimum", 0);
        }
        if (route.method() == HandlerType.POST) {
            var key = parameters.addObject().put("name", Resources.IDEMPOTENCY_KEY).put("in", "header").put("required", false)
                    .put("description", "Makes the write safe to retry: the same key and body return the first answer");
            key.putObject("schema").put("type", "string").put("maxLength", Limits.IDEMPOTENCY_KEY_LENGTH_MAX)
                    .put("pattern", "^[A-Za-z0-9._:-]+$");
        }
        if (route.requestSchema() != null) {
            op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                    .set("schema", ref(route.requestSchema()));
        }
        var responses = op.putObject("responses");
        var success = responses.putObject(Integer.toString(route.status())).put("description", "Success");
        if (route.responseSchema() != null) {
            success.putObject("content").putObject("application/json").set("schema", ref(route.responseSchema()));
        } else {
            String mediaType = route.path().equals("/metrics") ? "text/plain" : route.path().endsWith(".csv") ? "text/csv" : "application/json";
            success.putObject("content").putObject(mediaType).putObject("schema").put("type", mediaType.equals("application/json") ? "object" : "string");
        }
        responses.putObject("default").put("description", "An error in the one error shape").putObject("content")
                .putObject("application/json").set("schema", ref("Error"));
        if (route.rule() == Authorization.Rule.PUBLIC) {
            op.putArray("security");
        } else {
            op.putArray("security").addObject().putArray("bearer");
        }
        op.put("x-access", route.rule().name().toLowerCase(Locale.ROOT) + (route.owner() == Authorization.Owner.NONE ? ""
                : ", owner of the " + route.owner().name().toLowerCase(Locale.ROOT) + " (staff may read)"));
        return op;
    }

    private static String operationId(Route route) {
        var id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String part : route.path().split("[/{}.-]")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    private static ObjectNode ref(String schema) {
        return Json.object().put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode schemas() {
        var s = Json.object();
        s.set("Error", object(List.of("error", "message", "details"), "error", str(), "message", str(), "details",
                Json.object().put("type", "object").set("additionalProperties", str())));
        s.set("Money", object(List.of("amount", "asset"), "amount", decimal(), "asset", str()));
        s.set("Status", open(List.of("status"), "status", str()));
        s.set("Nonce", object(List.of("nonce", "expires_in_seconds", "chain_id", "server_time"), "nonce", str(), "expires_in_seconds",
                integer(), "chain_id", integer().put("description", "The Chain ID a sign-in message must name"), "server_time",
                str().put("format", "date-time").put("description", "The server's clock, for the message's Issued At")));
        s.set("SignIn", object(List.of("message", "signature"), "message",
                str().put("description", "The EIP-4361 message the wallet signed"), "signature",
                str().put("pattern", "^0x[0-9a-fA-F]{130}$").put("description", "personal_sign signature (r, s, v)")));
        s.set("Session", object(List.of("token", "address", "role", "expires_in_seconds"), "token", str(), "address", str(), "role",
                str(), "expires_in_seconds", integer()));
        s.set("Me", open(List.of("id", "role"), "id", str(), "role", str(), "address", str()));
        s.set("Page", open(List.of("items"), "items", Json.object().put("type", "array").set("items", Json.object().put("type", "object")),
                "next_after", Json.object().set("type", Json.array().add("string").add("null"))));
        s.set("ProtocolPage", page("Protocol"));
        s.set("PoolPage", page("Pool"));
        s.set("Protocol", open(List.of("id", "name", "category", "contracts", "audits", "coverage_status"), "id", str(), "name", str(),
                "category", str(), "contracts", array("object"), "audits", array("object"), "coverage_status", str(),
                "listings", array("object")));
        s.set("Pool", open(List.of("id", "asset", "capital", "locked", "free", "nav_per_share", "premiums_earned", "exposure"), "id",
                str(), "asset", str(), "capital", ref("Money"), "locked", ref("Money"), "free", ref("Money"), "nav_per_share",
                ref("Money"), "premiums_earned", ref("Money"), "exposure", array("object"), "unpaid_claims", ref("Money"), "status",
                str().set("enum", Json.array().add("open").add("spent"))));
        s.set("Cover", open(List.of("id", "holder", "pool_id", "protocol_id", "amount", "premium", "status"), "id", integer(), "holder",
                str(), "pool_id", str(), "protocol_id", str(), "amount", ref("Money"), "premium", ref("Money"), "status", str()));
        s.set("Claim", open(List.of("id", "cover_id", "incident_id", "kind", "stage", "reason_code", "approved", "paid"), "id", integer(),
                "cover_id", integer(), "incident_id", str(), "kind", str().set("enum", Json.array().add("parametric").add("indemnity")),
                "stage", str().set("enum", Json.array().add("filed").add("in_assessment").add("decided")), "reason_code", str(),
                "claimed_loss", nullable(ref("Money")), "proven_loss", nullable(ref("Money")), "approved", ref("Money"), "paid",
                ref("Money"), "deposit", nullable(ref("Money")), "assessment", Json.object().put("type", "object").put("description",
                        "round, phase, weights, quorum_weight, outcome (accept, deny or draw: a draw pays nothing and returns the deposit),"
                        + " votes (accept, deny, undone or removed) and their rationales"), "unpaid",
                ref("Money").put("description", "What the pool, short at settlement, still owes on it: paid first from capital it gains"),
                "paid_later", array("object"), "recoveries", array("object"), "appeals", array("object")));
        s.set("Explanation", open(List.of("claim", "rules_decision", "rules_reason_code", "rules"), "claim", Json.object().put("type",
                "object"), "rules_decision", str(), "rules_reason_code", str(), "rules_payout", ref("Money"), "rules", Json.object()
                .put("type", "array").set("items", open(List.of("order", "rule", "verdict", "reason_code", "facts"), "order", integer(),
                        "rule", str(), "verdict", str().set("enum", Json.array().add("passed").add("failed").add("undecided")),
                        "reason_code", str(), "facts", Json.object().put("type", "object").set("additionalProperties", str()))),
                "scope_checks", Json.object().put("type", "array").put("description", "The scope checks recorded at the incident's block"
                        + " that gave its contracts' scope (source chain_check or operator, who checked, the evidence)")
                        .set("items", Json.object().put("type", "object"))));
        s.set("IncidentPage", page("Incident"));
        s.set("Incident", open(List.of("id", "protocol_id", "contracts", "from_block", "to_block", "cause", "status", "signers",
                "threshold"), "id", str(), "protocol_id", str(), "contracts", array("string"), "from_block", integer(), "to_block",
                integer(), "cause", str(), "estimated_loss", ref("Money"), "status", str().set("enum", Json.array().add("pending")
                        .add("confirmed").add("final").add("rejected")), "signers", array("string"), "disputers", array("string"),
                "threshold", integer(), "settled_at", Json.object().set("type", Json.array().add("string").add("null")), "recoveries",
                array("object")));
        s.set("Quote", open(List.of("premium", "breakdown", "max_amount", "model"), "premium", ref("Money"), "breakdown",
                array("object"), "max_amount", ref("Money"), "model", str(), "annual_rate_bps", integer()));
        s.set("Written", open(List.of("log_sequence"), "log_sequence", integer()));
        s.set("LogHead", open(List.of("sequence", "hash"), "sequence", integer(), "hash", str()));
        s.set("LogRecord", open(List.of("sequence", "type", "hash", "payload"), "sequence", integer(), "type", str(), "hash", str(),
                "payload", Json.object().put("type", "object")));
        // A damaged file (failure code log_file_damaged) names no record and counts none: it may name the page instead.
        s.set("Verification", open(List.of("ok"), "ok", Json.object().put("type", "boolean"), "good_records",
                integer(), "warnings", array("string"), "failure", open(List.of("code", "reason"), "code",
                        str().set("enum", verificationCodes()), "sequence", integer(), "page", integer(), "reason", str())));
        s.set("NewProtocol", object(List.of("id", "name", "category"), "id", id(), "name", str().put("maxLength", 200), "category",
                id()));
        var proxy = object(List.of("address", "code_hash"), "address", address(), "code_hash", hash());
        s.set("NewContract", object(List.of("chain_id", "address", "code_hash"), "chain_id", integer().put("minimum", 1), "address",
                address(), "code_hash", hash(), "implementation", proxy));
        var finding = object(List.of("id", "severity", "status"), "id", id(), "severity",
                str().set("enum", Json.array().add("critical").add("high").add("medium").add("low").add("informational")), "status",
                str().set("enum", Json.array().add("open").add("acknowledged").add("fixed")));
        s.set("NewAudit", object(List.of("id", "auditor", "date", "commit", "scope_code_hashes", "findings"), "id", id(), "auditor",
                str(), "date", str().put("format", "date"), "commit", str().put("pattern", "^[0-9a-f]{7,40}$"), "scope_code_hashes",
                Json.object().put("type", "array").set("items", hash()), "findings",
                Json.object().put("type", "array").set("items", finding)));
        s.set("NewRiskProfile", object(List.of("tvl_usd", "bounty_usd", "launch_date", "upgradeable", "admin_key", "audit_kind"), "tvl_usd",
                integer().put("minimum", 1), "bounty_usd", integer().put("minimum", 0), "launch_date", str().put("format", "date"),
                "last_incident_date", str().put("format", "date"), "upgradeable", Json.object().put("type", "boolean"), "admin_key",
                str().set("enum", Json.array().add("none").add("timelock_multisig").add("multisig").add("single_key")), "audit_kind",
                str().set("enum", Json.array().add("contest").add("firm").add("solo")), "listing", object(List.of(), "category", str(),
                        "chains", array("string"), "forked_from", str(), "audit_flag", str(), "listed_date", str().put("format", "date"))
                        .put("description", "The DefiLlama listing the fitted factors read, in DefiLlama's spelling; every part optional"
                                + " (absent: unknown, the population average); forked_from none is original code")));
        s.set("PricingParameters", Json.object().put("type", "object").put("description",
                "A pricing parameter file as ./auditcover calibrate writes it (version, calibration, factors, premium, market, quotes,"
                        + " coverLimit, sources, fitted)").set("required", Json.array().add("version").add("calibration").add("factors")
                        .add("premium").add("market").add("quotes").add("coverLimit")));
        s.set("NewPool", object(List.of("id", "asset", "leverage", "max_protocol_share", "notice_period_days"), "id", id(), "asset",
                object(List.of("code", "scale"), "code", str(), "scale", integer().put("minimum", 0).put("maximum", 9)), "leverage",
                decimal(), "max_protocol_share", decimal(), "notice_period_days", integer(), "incident_report_window_days",
                integer().put("minimum", 1).put("maximum", 90)));
        s.set("NewListing", object(List.of("protocol_id", "annual_rate_bps"), "protocol_id", id(), "annual_rate_bps", integer()));
        s.set("NewDeposit", object(List.of("amount"), "amount", ref("Money")));
        s.set("NewWithdrawalRequest", object(List.of("pool_id", "shares"), "pool_id", id(), "shares", integer().put("minimum", 1)));
        s.set("NewCover", object(List.of("pool_id", "protocol_id", "amount", "period_days"), "pool_id", id(), "protocol_id", id(),
                "amount", ref("Money"), "period_days", integer().put("minimum", 28).put("maximum", 365), "quote", ref("QuoteReference"),
                "wallet", address().put("description", "The wallet insured, whose balances prove a loss (default: the buyer's own);"
                        + " another wallet needs wallet_consent"), "wallet_consent", ref("WalletConsent")));
        s.set("WalletConsent", object(List.of("signature", "valid_until"), "signature", str().put("pattern", "^0x[0-9a-fA-F]{130}$")
                .put("description", "The insured wallet's EIP-712 signature of GET /api/consents/statement"), "valid_until",
                str().put("format", "date-time").put("description", "As signed, in whole seconds")));
        s.set("QuoteReference", object(List.of("quote_id", "premium", "valid_until", "parameters_version"), "quote_id", str(),
                "premium", ref("Money"), "valid_until", str(), "parameters_version", str()));
        s.set("NewClaim", object(List.of("cover_id", "incident_id", "claimed_loss"), "cover_id", integer(), "incident_id", id(),
                "claimed_loss", ref("Money")));
        s.set("NewDepositorClaim", object(List.of("cover_id", "incident_id"), "cover_id", integer(), "incident_id", id(), "since_block",
                integer().put("minimum", 0).put("description", "Where to start reading the position token's transfers for its depositors"
                        + " (its deployment); default the incident's first block less " + io.auditcover.claims.DepositorCover.SCAN_BLOCKS_MAX)));
        s.set("DepositorRecovery", open(List.of("average_clause", "loss", "loss_counted", "payable", "depositors"), "pays_depositors",
                Json.object().put("type", "boolean"), "average_clause", Json.object().put("type", "boolean").put("description", "Whether the exposed funds exceed the cover: then loss counted ="
                        + " loss x amount / exposed funds"), "amount", ref("Money"), "exposed_funds", ref("Money"), "deductible", ref("Money"),
                "loss", ref("Money"), "loss_counted", ref("Money"), "payable", ref("Money"), "depositors", array("object")
                        .put("description", "Each loss quoted and its recovery: the loss counted less the deductible, split pro rata")));
        s.set("NewIncident", object(List.of("id", "protocol_id", "contracts", "from_block", "to_block", "occurred_at", "cause",
                "estimated_loss", "transactions"), "id", id(), "protocol_id", id(), "contracts", Json.object().put("type", "array")
                .put("minItems", 1).set("items", str().put("pattern", "^[0-9]+:0x[0-9a-f]{40}$")), "from_block", integer()
                .put("minimum", 0), "to_block", integer().put("minimum", 0), "occurred_at", str().put("format", "date-time"), "cause",
                str(), "estimated_loss", ref("Money"), "transactions", Json.object().put("type", "array").set("items", hash()),
                "loss_share_bps", integer().put("minimum", 1).put("maximum", 10_000)
                        .put("description", "The share of the protocol's deposits the incident took (default 10000: all)")));
        s.set("Signature", object(List.of("signature"), "signature", str().put("pattern", "^0x[0-9a-fA-F]{130}$")
                .put("description", "EIP-712 signature (r, s, v) of GET /api/incidents/{incidentId}/statement")));
        s.set("OracleRules", object(List.of("oracles", "threshold", "attestation_window_hours", "dispute_window_hours"), "oracles",
                Json.object().put("type", "array").put("minItems", 1).set("items", address()), "threshold", integer().put("minimum", 1),
                "attestation_window_hours", integer().put("minimum", 1), "dispute_window_hours", integer().put("minimum", 0)));
        s.set("ClaimTerms", object(List.of("protocol_id", "trigger"), "protocol_id", id(), "trigger", str().set("enum",
                Json.array().add("parametric").add("indemnity")), "payout_ratio", decimal(), "deductible", ref("Money"), "exclusions",
                array("string"), "waiting_period_days", integer().put("minimum", 0).put("maximum", 30), "claim_window_days",
                integer().put("minimum", 1).put("maximum", 365), "payout_basis", str().put("description", "loss_share pays payout_ratio times the incident's loss share")
                        .set("enum", Json.array().add("fixed").add("loss_share")), "minimum_loss_share", decimal().put("description",
                        "Above 0, at most 1; default none. Indemnity: a loss below this share of the cover amount is denied"
                                + " minimum_loss_share_not_met; parametric: an incident whose loss share is below it pays nothing"),
                "recoveries_to_holder_deductible_first", Json.object().put("type", "boolean").put("description", "Default false."
                        + " Subrogation: funds recovered after the incident's claims were paid repay an indemnity holder's deductible"
                        + " before the pools"),
                "position_reader", ref("PositionReader"), "payees", str().put("description", "depositors: cover a protocol buys"
                        + " for its depositors (needs a position_reader), its claim filed with POST /api/claims/depositors")
                        .set("enum", Json.array().add("insured_wallet").add("depositors"))));
        s.set("PositionReader", object(List.of("kind", "token"), "kind", str()
                .put("description", "How the insured wallet's position is valued in the cover's asset: erc20_balance is balanceOf x rate,"
                        + " erc4626 is convertToAssets(balanceOf), compound_v2 is balanceOf x exchangeRateStored / 1e18 on the cToken"
                        + " (rounded down). Proven loss = value before the incident - (value at its last block"
                        + " + the asset the custodian sent the wallet in between). Another kind is refused unknown_position_kind")
                .set("enum", Json.array().add("erc20_balance").add("erc4626").add("compound_v2")),
                "token", address().put("description", "The receipt or share token (a vault or a cToken is its own); a wallet is refused"
                        + " position_not_contract"),
                "custodian", address().put("description", "The contract paying withdrawals; default the token"),
                "rate", decimal().put("description", "erc20_balance only (default 1): asset base units per token base unit")));
        s.set("NewReimbursement", object(List.of("incident_id", "amount", "source", "evidence"), "incident_id", id(), "amount", ref("Money"),
                "source", str().set("enum", Json.array().add("protocol").add("bounty_negotiation").add("other_insurer")), "evidence",
                str().put("minLength", 1).put("maxLength", io.auditcover.claims.Reimbursement.EVIDENCE_LENGTH_MAX)
                        .put("description", "What shows the reimbursement: a transaction, a post-mortem, a settlement letter")));
        s.set("NewRecovery", object(List.of("amount", "evidence"), "amount", ref("Money"), "evidence", str().put("minLength", 1)
                .put("maxLength", io.auditcover.claims.Recovery.EVIDENCE_LENGTH_MAX)
                .put("description", "What shows the funds came back: a text, a URL or a transaction hash")));
        s.set("NewCodeObservation", object(List.of("chain_id", "block", "block_hash", "address", "code_hash", "observer", "evidence"),
                "chain_id", integer().put("minimum", 1), "block", integer().put("minimum", 0), "block_hash", hash(), "address", address(),
                "code_hash", hash(), "has_code", Json.object().put("type", "boolean"), "implementation", object(List.of("address", "code_hash"),
                        "address", address(), "code_hash", hash()), "matched_audit_id", id().put("description",
                        "The audit whose scope holds the covered code; absent: out of scope"), "matched_normalized_code_hash", hash(),
                "observer", id(), "evidence", str().put("minLength", 1).put("maxLength", io.auditcover.evidence.ScopeCheck.EVIDENCE_LENGTH_MAX)
                        .put("description", "Where it was read: the node, the tool")));
        s.set("NewScopeCheck", object(List.of("chain_id", "address", "block", "in_scope", "evidence"), "chain_id", integer().put("minimum", 1),
                "address", address(), "block", integer().put("minimum", 0), "in_scope", Json.object().put("type", "boolean"), "audit_id",
                id().put("description", "Required in scope: the audit whose scope holds the code"), "reason", str().put("description", "Out of scope only (default unknown_code)")
                        .set("enum", Json.array().add("unknown_code").add("upgraded_to_unaudited_implementation").add("self_destructed")), "evidence", str().put("minLength", 1)
                        .put("maxLength", io.auditcover.evidence.ScopeCheck.EVIDENCE_LENGTH_MAX), "checked_by", id()
                        .put("description", "Default: the operator key's name")));
        s.set("LossDevelopment", open(List.of("as_of", "triangles"), "as_of", str(), "triangles", Json.object().put("type", "array")
                .set("items", open(List.of("asset", "valuation_month", "development_months", "rows"), "asset", str(), "valuation_month", str(),
                        "development_months", integer(), "rows", Json.object().put("type", "array").set("items", open(
                                List.of("incident_month", "cumulative_paid"), "incident_month", str(), "cumulative_paid", array("string")))))));
        s.set("Reinsurance", object(List.of(), "retention", ref("Money"), "limit", ref("Money"), "annual_premium", ref("Money")
                .put("description", "A treaty's premium a year, earned by the reinsurer day by day from the pool's capital; at most the limit"),
                "reinstatements", integer().put("minimum", 0).put("maximum", 100).put("description",
                        "Reinstatements of the limit a treaty year: the reinsurer pays at most limit x (1 + reinstatements) a year"),
                "reinstatement_premium", decimal().put("description",
                        "Share of the annual premium (0 to 1) charged per full limit reinstated, pro rata to the amount; needs both above"),
                "reinsurer", id().put("description", "The reinsurer whose account the premium is booked to (default: reinsurer)")));
        s.set("SolvencyRun", object(List.of(), "years", integer(), "seed", integer()));
        s.set("SolvencyPolicy", object(List.of(), "minimum_solvency_ratio", str(), "dependency_caps",
                object(List.of(), "fork", str(), "oracle", str(), "chain", str(), "bridge", str(), "auditor", str())));
        s.set("Dependencies", object(List.of(), "fork", str(), "oracle", str(), "chain", str(), "bridge", str(), "auditor", str()));
        s.set("NewAssessor", object(List.of("address", "weight", "tier"), "address", address(), "weight", integer().put("minimum", 1),
                "tier", integer().put("minimum", 1).put("maximum", 2)));
        s.set("AssessmentRules", object(List.of("voting_period_hours", "final_stretch_hours", "extension_hours", "quorum_weight",
                "cooldown_hours", "escalation_panel_growth_min"), "voting_period_hours", integer().put("minimum", 1), "final_stretch_hours",
                integer().put("minimum", 0), "extension_hours", integer().put("minimum", 0), "quorum_weight", integer().put("minimum", 1),
                "cooldown_hours", integer().put("minimum", 0), "escalation_panel_growth_min", integer().put("minimum", 1)));
        s.set("NewVote", object(List.of("accept"), "accept", Json.object().put("type", "boolean"), "rationale", str().put("minLength", 1)
                .put("maxLength", io.auditcover.claims.Assessment.RATIONALE_LENGTH_MAX).put("description",
                        "Why the assessor votes so, recorded with the vote; longer is refused rationale_too_long")));
        s.set("NewAppeal", object(List.of("bond"), "bond", ref("Money").put("description", "At least "
                + io.auditcover.claims.Panels.APPEAL_BOND_BPS + " bps of the claimed loss (bond_too_small): back to the holder unless the"
                + " assessors deny the claim, then to the pool")));
        s.set("ListingAssessors", object(List.of("protocol_id"), "protocol_id", id(), "group", Json.object().put("type", "array")
                .put("maxItems", io.auditcover.claims.ListingAssessors.GROUP_SIZE_MAX).set("items", address()), "delegate", address()
                .put("description", "One outside assessor who decides alone; not with a group")));
        s.set("NewStake", object(List.of("amount"), "amount", ref("Money")));
        s.set("NewStakeWithdrawal", object(List.of("amount"), "amount", ref("Money").put("description", "At most the free stake:"
                + " none while the assessor sits on a vote not yet final (stake_withdrawal_exceeds_free_stake, with free_stake);"
                + " withdrawable after the assessment cooldown (notice_period_not_over before, with available_at)")));
        s.set("NewSlash", object(List.of("claim_id", "amount", "evidence"), "claim_id", integer().put("minimum", 1), "amount", ref("Money")
                .put("description", "At most the stake (slash_exceeds_stake)"), "evidence", str().put("minLength", 1)
                .put("maxLength", io.auditcover.claims.Slash.EVIDENCE_LENGTH_MAX)));
        s.set("NewVoteUndo", object(List.of("assessors"), "assessors", Json.object().put("type", "array").put("minItems", 1)
                .set("items", str())));
        return s;
    }

    private static ObjectNode page(String item) {
        return open(List.of("items"), "items", Json.object().put("type", "array").set("items", ref(item)), "next_after",
                Json.object().set("type", Json.array().add("string").add("null")));
    }

    /** A request object: exactly these fields. */
    private static ObjectNode object(List<String> required, Object... properties) {
        return open(required, properties).put("additionalProperties", false);
    }

    /** A response object: at least these fields. */
    private static ObjectNode open(List<String> required, Object... properties) {
        var node = Json.object().put("type", "object");
        var names = node.putArray("required");
        required.forEach(names::add);
        var props = node.putObject("properties");
        for (int i = 0; i < properties.length; i += 2) {
            props.set((String) properties[i], (ObjectNode) properties[i + 1]);
        }
        return node;
    }

    private static ObjectNode nullable(ObjectNode schema) {
        return Json.object().set("oneOf", Json.array().add(schema).add(Json.object().put("type", "null")));
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode verificationCodes() {
        var codes = Json.array();
        for (var code : io.auditcover.store.Verification.Code.values()) {
            codes.add(code.code());
        }
        return codes.add("log_file_damaged");
    }

    private static ObjectNode array(String itemType) {
        return Json.object().put("type", "array").set("items", Json.object().put("type", itemType));
    }

    private static ObjectNode str() {
        return Json.object().put("type", "string");
    }

    private static ObjectNode integer() {
        return Json.object().put("type", "integer");
    }

    private static ObjectNode decimal() {
        return str().put("pattern", "^[0-9]{1,30}(\\.[0-9]{1,30})?$");
    }

    private static ObjectNode id() {
        return str().put("pattern", "^[a-z0-9][a-z0-9._-]{0,63}$");
    }

    /** Lower case, or with capitals exactly its EIP-55 checksum form. */
    private static ObjectNode address() {
        return str().put("pattern", "^0x[0-9a-fA-F]{40}$").put("description", "An address: lower case, or its EIP-55 checksum form");
    }

    private static ObjectNode hash() {
        return str().put("pattern", "^0x[0-9a-f]{64}$");
    }
}
