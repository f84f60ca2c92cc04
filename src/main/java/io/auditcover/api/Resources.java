package io.auditcover.api;

import io.auditcover.reason.Reason;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.access.Principal;
import io.auditcover.access.SessionTokens;
import io.auditcover.access.SignInWithEthereum;
import io.auditcover.api.Route.Call;
import io.auditcover.api.Route.Reply;
import io.auditcover.cover.Cover;
import io.auditcover.engine.Codec;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.cover.InsurableInterest;
import io.auditcover.engine.Outcome;
import io.auditcover.engine.PricingFile;
import io.auditcover.engine.Rejection;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Identifiers;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.Pool;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.RiskProfile;
import io.auditcover.store.EventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What each route does: reads answer from the published view; writes become engine commands. */
final class Resources {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private final Engine engine;
    private final ReadModel readModel;
    private final Quoter quoter;
    private final SignInWithEthereum signIn;
    private final SessionTokens sessions;
    private final EventLog logReader;
    private final Clock clock;
    private final Supplier<SignInWithEthereum.Audience> signInAudience;
    private final Predicate<String> assessors;
    private final StatementsToSign statements;

    Resources(Engine engine, ReadModel readModel, Quoter quoter, SignInWithEthereum signIn, SessionTokens sessions, EventLog logReader,
            Clock clock, Supplier<SignInWithEthereum.Audience> signInAudience, Predicate<String> assessors, StatementsToSign statements) {
        this.engine = engine;
        this.statements = statements;
        this.readModel = readModel;
        this.quoter = quoter;
        this.signIn = signIn;
        this.sessions = sessions;
        this.logReader = logReader;
        this.clock = clock;
        this.signInAudience = signInAudience;
        this.assessors = assessors;
    }

    // ---- service

    Reply health(Call call) {
        if (engine.failed()) {
            throw new ApiException(503, "engine_failed", "the writer stopped; restart to recover from the log", Map.of());
        }
        return Reply.ok(Json.object().put("status", "up"));
    }

    Reply ready(Call call) {
        if (engine.failed() || !readModel.ready()) {
            throw new ApiException(503, "not_ready", "the engine is not serving", Map.of());
        }
        return Reply.ok(Json.object().put("status", "ready").put("head_sequence", readModel.view().headSequence())
                .put("queue_depth", engine.queueDepth()).put("role", engine.following() ? "follower" : "writer"));
    }

    // ---- sign-in

    Reply nonce(Call call) {
        try {
            // The server's time comes with the nonce, so a browser whose clock is off can still write an Issued At the server accepts.
            Instant now = clock.instant();
            return Reply.ok(Json.object().put("nonce", signIn.nonce(now))
                    .put("expires_in_seconds", SignInWithEthereum.NONCE_LIFETIME.toSeconds()).put("chain_id", signInAudience.get().chainId())
                    .put("server_time", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        } catch (SignInWithEthereum.Failure e) {
            throw new ApiException(429, e.code(), e.getMessage(), Map.of());
        }
    }

    Reply signIn(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("message", "signature"));
        String message = body.text("message", io.auditcover.access.SiweMessage.MESSAGE_LENGTH_MAX);
        String signature = body.text("signature", SignInWithEthereum.SIGNATURE_LENGTH_MAX);
        try {
            String address = signIn.verify(message, signature, signInAudience.get(), clock.instant());
            var wallet = new Principal.Wallet(address, assessors.test(address));
            return Reply.ok(Json.object().put("token", sessions.issue(wallet, clock.instant())).put("address", wallet.address())
                    .put("role", Views.lower(wallet.role())).put("expires_in_seconds", SessionTokens.LIFETIME.toSeconds()));
        } catch (SignInWithEthereum.Failure e) {
            throw new ApiException(e.malformed() ? 400 : 401, e.code(), e.getMessage(), Map.of());
        }
    }

    Reply me(Call call) {
        var node = Json.object().put("id", call.principal().id()).put("role", Views.lower(call.principal().role()));
        if (call.principal() instanceof Principal.Wallet wallet) {
            node.put("address", wallet.address());
        }
        return Reply.ok(node);
    }

    // ---- evidence

    Reply protocols(Call call) {
        return page(call, call.view().protocols(), call.query("after"), p -> Views.protocol(call.view(), p), p -> p.id());
    }

    Reply protocol(Call call) {
        Protocol protocol = call.view().protocols().get(call.path("protocolId"));
        if (protocol == null) {
            throw ApiException.notFound("protocol", call.path("protocolId"));
        }
        return Reply.ok(Views.protocol(call.view(), protocol));
    }

    Reply registerProtocol(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("id", "name", "category"));
        return submit(call, id -> new Command.RegisterProtocol(id, valid(() -> new Protocol(body.text("id", Identifiers.ID_LENGTH_MAX),
                body.text("name", Identifiers.NAME_LENGTH_MAX), body.text("category", Identifiers.ID_LENGTH_MAX)))));
    }

    Reply registerContract(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("chain_id", "address", "code_hash", "implementation"));
        String protocolId = call.path("protocolId");
        var contract = valid(() -> {
            DeployedContract.ProxyImplementation implementation = null;
            if (body.has("implementation")) {
                var proxy = body.object("implementation", Set.of("address", "code_hash"));
                implementation = new DeployedContract.ProxyImplementation(proxy.address("address"), proxy.text("code_hash", 66));
            }
            return new DeployedContract(protocolId, body.integer("chain_id", 1, Long.MAX_VALUE), body.address("address"),
                    body.text("code_hash", 66), implementation);
        });
        return submit(call, id -> new Command.RegisterContract(id, contract));
    }

    Reply registerAudit(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("id", "auditor", "date", "commit", "scope_code_hashes", "findings"));
        String protocolId = call.path("protocolId");
        var audit = valid(() -> {
            var findings = body.objects("findings", AuditReport.FINDINGS_MAX, Set.of("id", "severity", "status")).stream()
                    .map(f -> new Finding(f.text("id", Identifiers.ID_LENGTH_MAX),
                            Severity.valueOf(f.text("severity", 20).toUpperCase(Locale.ROOT)),
                            FindingStatus.valueOf(f.text("status", 20).toUpperCase(Locale.ROOT))))
                    .toList();
            return new AuditReport(body.text("id", Identifiers.ID_LENGTH_MAX), protocolId, body.text("auditor", Identifiers.NAME_LENGTH_MAX),
                    LocalDate.parse(body.text("date", 10)), body.text("commit", 40),
                    body.texts("scope_code_hashes", AuditReport.SCOPE_SIZE_MAX, 66), findings);
        });
        return submit(call, id -> new Command.RegisterAudit(id, audit));
    }

    /**
     * The evidence the pricing factors read beyond audits: TVL, bounty, launch, last incident, upgradeability, admin key, and
     * the optional DefiLlama listing the fitted factors read (each part optional: absent is unknown, the population average).
     */
    Reply registerRiskProfile(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("tvl_usd", "bounty_usd", "launch_date", "last_incident_date", "upgradeable",
                "admin_key", "audit_kind", "listing"));
        var listing = body.has("listing") ? listing(body.object("listing", LISTING_FIELDS)) : RiskProfile.Listing.UNKNOWN;
        String protocolId = call.path("protocolId");
        var profile = valid(() -> new RiskProfile(protocolId, body.integer("tvl_usd", 1, RiskProfile.USD_MAX),
                body.integer("bounty_usd", 0, RiskProfile.USD_MAX), LocalDate.parse(body.text("launch_date", 10)),
                body.has("last_incident_date") ? LocalDate.parse(body.text("last_incident_date", 10)) : null, body.bool("upgradeable"),
                RiskProfile.AdminKey.valueOf(body.text("admin_key", 32).toUpperCase(Locale.ROOT)),
                RiskProfile.AuditKind.valueOf(body.text("audit_kind", 16).toUpperCase(Locale.ROOT)), listing));
        return submit(call, id -> new Command.RegisterRiskProfile(id, profile));
    }

    private static final Set<String> LISTING_FIELDS = Set.of("category", "chains", "forked_from", "audit_flag", "listed_date");

    /** A listing in DefiLlama's spelling; forked_from "none" is original code. */
    private static RiskProfile.Listing listing(RequestBody body) {
        int length = RiskProfile.LISTING_TEXT_LENGTH_MAX;
        return valid(() -> new RiskProfile.Listing(body.has("category") ? body.text("category", length) : null,
                body.has("chains") ? body.texts("chains", RiskProfile.CHAINS_MAX, length) : java.util.List.of(),
                body.has("forked_from") ? body.text("forked_from", length) : null, body.has("audit_flag") ? body.text("audit_flag", length) : null,
                body.has("listed_date") ? LocalDate.parse(body.text("listed_date", 10)) : null));
    }

    // ---- pricing

    /** A calibration put into service: a parameter file as {@code calibrate} writes it; new quotes only, under its version. */
    Reply setPricingParameters(Call call) {
        PricingParameters parameters;
        try {
            parameters = PricingFile.parse(call.body());
        } catch (java.io.IOException e) {
            throw ApiException.malformed("body", "not a pricing parameter file: " + firstLine(e.getMessage()));
        }
        return submit(call, id -> new Command.SetPricingParameters(id, parameters));
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message;
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).substring(0, Math.min(200, end < 0 ? text.length() : end));
    }

    // ---- pools

    Reply pools(Call call) {
        return page(call, call.view().pools(), call.query("after"), p -> Views.pool(call.view(), p), Pool::id);
    }

    Reply pool(Call call) {
        return Reply.ok(Views.pool(call.view(), pool(call.view(), call.path("poolId"))));
    }

    Reply createPool(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("id", "asset", "leverage", "max_protocol_share", "notice_period_days",
                "incident_report_window_days"));
        var assetBody = body.object("asset", Set.of("code", "scale"));
        Asset asset = valid(() -> new Asset(assetBody.text("code", Asset.CODE_LENGTH_MAX), (int) assetBody.integer("scale", 0, Asset.SCALE_MAX)));
        Duration reportWindow = body.has("incident_report_window_days")
                ? Duration.ofDays(body.integer("incident_report_window_days", 1, PoolRules.INCIDENT_REPORT_WINDOW_MAX.toDays()))
                : PoolRules.INCIDENT_REPORT_WINDOW_DEFAULT;
        var rules = valid(() -> new PoolRules(ratio(body, "leverage"), ratio(body, "max_protocol_share"),
                Duration.ofDays(body.integer("notice_period_days", 0, PoolRules.NOTICE_PERIOD_MAX.toDays())), reportWindow));
        String poolId = body.text("id", Identifiers.ID_LENGTH_MAX);
        return submit(call, id -> new Command.CreatePool(id, poolId, asset, rules));
    }

    Reply listProtocol(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("protocol_id", "annual_rate_bps"));
        String protocolId = body.text("protocol_id", Identifiers.ID_LENGTH_MAX);
        long rate = body.integer("annual_rate_bps", Long.MIN_VALUE, Long.MAX_VALUE);
        return submit(call, id -> new Command.ListProtocol(id, call.path("poolId"), protocolId, rate));
    }

    Reply deposit(Call call) {
        Pool pool = pool(call.view(), call.path("poolId"));
        var body = RequestBody.parse(call.body(), Set.of("amount"));
        Money amount = body.money("amount", pool.asset());
        return submit(call, id -> new Command.Deposit(id, pool.id(), wallet(call), amount));
    }

    Reply positions(Call call) {
        var scope = Authorization.scope(call.principal());
        var items = Json.array();
        call.view().positions().values().stream().filter(p -> scope.map(p.underwriter()::equals).orElse(true))
                .limit(call.limit()).forEach(p -> items.add(Views.position(p)));
        return Reply.ok(Json.object().set("items", items));
    }

    Reply withdrawalRequests(Call call) {
        var scope = Authorization.scope(call.principal());
        return page(call, call.view().withdrawals(), call.afterId(), r -> Views.withdrawal(r),
                r -> scope.map(r.underwriter()::equals).orElse(true), r -> Long.toString(r.id()));
    }

    Reply heldWithdrawals(Call call) {
        var scope = Authorization.scope(call.principal());
        return page(call, call.view().heldWithdrawals(), call.afterId(), Views::heldWithdrawal,
                held -> scope.map(held.underwriter()::equals).orElse(true), held -> Long.toString(held.requestId()));
    }

    Reply requestWithdrawal(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("pool_id", "shares"));
        String poolId = body.text("pool_id", Identifiers.ID_LENGTH_MAX);
        long shares = body.integer("shares", 1, Long.MAX_VALUE);
        return submit(call, id -> new Command.RequestWithdrawal(id, poolId, wallet(call), shares));
    }

    Reply withdraw(Call call) {
        RequestBody.parse(emptyObjectIfBlank(call.body()), Set.of());
        long requestId = Authorization.id("requestId", call.path("requestId"));
        return submit(call, id -> new Command.Withdraw(id, requestId, wallet(call)));
    }

    // ---- quotes and covers

    Reply quote(Call call) {
        String poolId = call.requiredQuery("pool_id");
        Pool pool = pool(call.view(), poolId);
        String asset = call.requiredQuery("asset");
        if (!asset.equals(pool.asset().code())) {
            throw new ApiException(422, "asset_mismatch", "pool " + poolId + " keeps " + pool.asset().code() + ", not " + asset,
                    Map.of("field", "asset", "asset", pool.asset().code()));
        }
        Money amount = RequestBody.parseMoney(pool.asset(), RequestBody.checkDecimal(call.requiredQuery("amount"), "amount"), "amount");
        String period = call.requiredQuery("period_days");
        if (!period.matches("[0-9]{1,4}")) {
            throw ApiException.malformed("period_days", "period_days must be a whole number of days");
        }
        return Reply.ok(Views.quote(quoter.quote(call.view(), poolId, call.requiredQuery("protocol_id"), amount, Integer.parseInt(period))));
    }

    Reply covers(Call call) {
        var scope = Authorization.scope(call.principal());
        NavigableMap<Long, Cover> covers = call.view().covers();
        if (scope.isPresent()) {
            var items = Json.array();
            var ids = call.view().coverIdsOf(scope.get()).tailSet(call.afterId(), false);
            Long last = null;
            for (Long id : ids) {
                if (items.size() == call.limit()) {
                    break;
                }
                items.add(Views.cover(covers.get(id)));
                last = id;
            }
            return pageReply(items, items.size() == call.limit() && last != null ? last.toString() : null);
        }
        return page(call, covers, call.afterId(), Views::cover, c -> true, c -> Long.toString(c.id()));
    }

    Reply cover(Call call) {
        return Reply.ok(Views.cover(call.view().covers().get(Authorization.id("coverId", call.path("coverId")))));
    }

    /** A wallet other than the buyer's own is insured only with its signed consent ({@code GET /api/consents/statement}). */
    Reply buyCover(Call call) {
        var body = RequestBody.parse(call.body(), Set.of("pool_id", "protocol_id", "amount", "period_days", "quote", "wallet",
                "wallet_consent"));
        Pool pool = pool(call.view(), body.text("pool_id", Identifiers.ID_LENGTH_MAX));
        String protocolId = body.text("protocol_id", Identifiers.ID_LENGTH_MAX);
        Money amount = body.money("amount", pool.asset());
        int periodDays = (int) body.integer("period_days", 0, 10_000);
        Command.QuoteReference quote = body.has("quote") ? quoteReference(body.object("quote", QUOTE_FIELDS), pool) : null;
        String insured = body.has("wallet") ? body.address("wallet") : null;
        Command.WalletConsent consent = null;
        if (body.has("wallet_consent")) {
            var given = body.object("wallet_consent", Set.of("signature", "valid_until"));
            consent = new Command.WalletConsent(given.text("signature", SignInWithEthereum.SIGNATURE_LENGTH_MAX),
                    wholeSeconds(given.text("valid_until", Limits.TEXT_LENGTH_MAX), "wallet_consent.valid_until"));
        }
        Command.WalletConsent walletConsent = consent;
        return submit(call, id -> new Command.BuyCover(id, wallet(call), pool.id(), protocolId, amount, periodDays, quote, insured,
                walletConsent));
    }

    /**
     * The EIP-712 typed data a wallet signs ({@code eth_signTypedData_v4}) to consent to be insured by {@code buyer} on this
     * pool and protocol until {@code valid_until}; the buyer sends the signature with its purchase.
     */
    Reply consentStatement(Call call) {
        String wallet = RequestBody.address(call.requiredQuery("wallet"), "wallet");
        String buyerText = call.requiredQuery("buyer");
        String buyer = Identifiers.isId(buyerText) ? buyerText : RequestBody.address(buyerText, "buyer");
        Pool pool = pool(call.view(), call.requiredQuery("pool_id"));
        String protocolId = call.requiredQuery("protocol_id");
        if (!call.view().protocols().containsKey(protocolId)) {
            throw ApiException.of(Rejection.of(Reason.PROTOCOL_NOT_FOUND, "protocol " + shorten(protocolId) + " does not exist"));
        }
        Instant validUntil = wholeSeconds(call.requiredQuery("valid_until"), "valid_until");
        var state = call.view().quoteState();
        if (state.deploymentId() == null) {
            throw notIdentified();
        }
        var consent = new io.auditcover.cover.InsuranceConsent(wallet, buyer, pool.id(), protocolId, validUntil);
        return Reply.ok(Json.read(statements.consent(InsurableInterest.consentChainId(state.evidence(), protocolId), state.deploymentId(), consent)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static ApiException notIdentified() {
        return ApiException.of(Rejection.of(Reason.DEPLOYMENT_NOT_IDENTIFIED,
                "this deployment has no id yet, so no statement can be signed for it"));
    }

    /** An ISO-8601 instant in whole seconds, as signed statements carry time. */
    static Instant wholeSeconds(String text, String field) {
        try {
            Instant instant = Instant.parse(text);
            if (instant.getNano() != 0) {
                throw ApiException.malformed(field, field + " must be in whole seconds, e.g. 2026-03-01T12:00:00Z");
            }
            return instant;
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.malformed(field, field + " must be an ISO-8601 instant, e.g. 2026-03-01T12:00:00Z");
        }
    }

    private static final Set<String> QUOTE_FIELDS = Set.of("quote_id", "premium", "valid_until", "parameters_version");

    /** The quote a buyer accepts, as {@code GET /api/quotes} gave it: the engine charges exactly its premium or says the price moved. */
    private static Command.QuoteReference quoteReference(RequestBody quote, Pool pool) {
        String validUntil = quote.text("valid_until", Limits.TEXT_LENGTH_MAX);
        try {
            return new Command.QuoteReference(quote.text("quote_id", Limits.TEXT_LENGTH_MAX), quote.money("premium", pool.asset()),
                    java.time.Instant.parse(validUntil), quote.text("parameters_version", Limits.TEXT_LENGTH_MAX));
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.malformed("quote.valid_until", "valid_until must be an ISO-8601 instant, e.g. 2026-03-01T12:00:00Z");
        }
    }

    // ---- engine time

    Reply advanceTime(Call call) {
        RequestBody.parse(emptyObjectIfBlank(call.body()), Set.of());
        return submit(call, Command.AdvanceTime::new);
    }

    // ---- ledger and log

    Reply accounts(Call call) {
        var items = Json.array();
        call.view().balances().forEach((account, units) -> items.add(Json.object().put("name", account.name())
                .set("balance", Json.money(Money.ofUnits(account.asset(), units)))));
        return Reply.ok(Json.object().set("items", items));
    }

    Reply transfers(Call call) {
        return page(call, call.view().transfers(), call.afterId(), Views::transfer, t -> true, t -> Long.toString(t.id()));
    }

    Reply logHead(Call call) {
        var view = call.view();
        return Reply.ok(Json.object().put("sequence", view.headSequence()).put("hash", view.headHash())
                .put("engine_time", view.time().toString()));
    }

    Reply logRecord(Call call) {
        long sequence = Authorization.id("sequence", call.path("sequence"));
        if (sequence > call.view().headSequence()) {
            throw ApiException.notFound("log record", Long.toString(sequence));
        }
        var record = readLog(() -> logReader.read(sequence))
                .orElseThrow(() -> ApiException.notFound("log record", Long.toString(sequence)));
        var node = Json.object().put("sequence", record.sequence()).put("command_id", record.commandId())
                .put("command_digest", record.commandDigest()).put("recorded_at", record.recordedAt().toString())
                .put("type", record.type()).put("hash", java.util.HexFormat.of().formatHex(record.hash()));
        try {
            node.set("payload", Json.MAPPER.readTree(Codec.eventJson(record.type(), record.payload())));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("log record " + sequence + " has an unreadable payload", e);
        }
        return Reply.ok(node);
    }

    /**
     * The state hash of this instance's engine, read on its writer thread between batches, with the log sequence its read
     * view reflects: on a quiet log every instance, writer or follower, must give the same pair.
     */
    Reply stateHash(Call call) {
        String hash;
        try {
            hash = engine.read(Engine::stateHash).get(Limits.COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
        return Reply.ok(Json.object().put("sequence", call.view().headSequence()).put("state_hash", hash));
    }

    Reply verifyLog(Call call) {
        io.auditcover.store.Verification verification;
        try {
            verification = readLog(logReader::verify);
        } catch (io.auditcover.store.LogDamagedException e) {
            // The verdict, as `verify` gives it (exit 3), not a server error: the file is what failed, not the request.
            var damaged = Json.object().put("ok", false);
            var failure = damaged.putObject("failure").put("code", "log_file_damaged").put("reason", e.getMessage());
            e.page().ifPresent(page -> failure.put("page", page));
            return Reply.ok(damaged);
        }
        var node = Json.object().put("ok", verification.ok()).put("good_records", verification.goodRecords())
                .put("head_sequence", verification.head().sequence())
                .put("head_hash", java.util.HexFormat.of().formatHex(verification.head().hash()));
        verification.warnings().forEach(node.putArray("warnings")::add);
        verification.failure().ifPresent(f -> node.putObject("failure").put("code", f.code().code()).put("sequence", f.sequence())
                .put("reason", f.reason()));
        return Reply.ok(node);
    }

    // ---- helpers

    /** The log reader is one SQLite connection of its own, used by one request at a time. */
    private <T> T readLog(Supplier<T> read) {
        synchronized (logReader) {
            return read.get();
        }
    }

    Reply submit(Call call, Function<String, Command> command) {
        String key = call.context().header(IDEMPOTENCY_KEY);
        String commandId;
        if (key == null) {
            commandId = "auto/" + UUID.randomUUID();
        } else if (key.isEmpty() || key.length() > Limits.IDEMPOTENCY_KEY_LENGTH_MAX || !key.matches("[A-Za-z0-9._:-]+")) {
            throw ApiException.malformed(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + " must be 1-" + Limits.IDEMPOTENCY_KEY_LENGTH_MAX
                    + " of [A-Za-z0-9._:-]");
        } else {
            commandId = call.principal().id() + "/" + key;
        }
        Outcome outcome;
        try {
            outcome = engine.submit(command.apply(commandId)).get(Limits.COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof io.auditcover.engine.NotLeaderException notLeader) {
                throw notLeader(notLeader);
            }
            throw unavailable();
        } catch (TimeoutException e) {
            throw unavailable();
        }
        return switch (outcome) {
            case Outcome.Accepted accepted -> {
                var node = Views.event(accepted.event()).put("log_sequence", accepted.sequence());
                yield new Reply(201, Reply.JSON, Json.bytes(node), accepted.repeated());
            }
            case Outcome.Rejected rejected -> throw ApiException.of(rejected.rejection());
        };
    }

    /** not_leader now, before work a follower could only throw away (a solvency run simulates before it records). */
    void requireWriter() {
        if (engine.following()) {
            throw notLeader(engine.notLeader());
        }
    }

    /**
     * A write sent to a follower is refused, not forwarded: the answer names the writer (and the URL it advertised) so the
     * client sends it there once and reads back here with its log_sequence. Forwarding would make every follower a proxy that
     * re-sends bodies and credentials, hides which instance decided, and leaves a write hanging whenever a follower cannot
     * reach the writer; a refusal is instant, and the Idempotency-Key makes the client's resend safe.
     */
    static ApiException notLeader(io.auditcover.engine.NotLeaderException e) {
        var details = new java.util.TreeMap<String, String>();
        e.leader().ifPresent(lease -> {
            details.put("leader", lease.holder());
            details.put("leader_epoch", Long.toString(lease.epoch()));
            details.put("lease_expires_at", lease.expiresAt().toString());
            lease.url().ifPresent(url -> details.put("leader_url", url));
        });
        return new ApiException(503, "not_leader", e.getMessage(), details);
    }

    static ApiException unavailable() {
        return new ApiException(503, "engine_unavailable", "the engine is not taking commands", Map.of());
    }

    static String wallet(Call call) {
        if (call.principal() instanceof Principal.Wallet wallet) {
            return wallet.address();
        }
        throw new IllegalStateException("a wallet route reached without a wallet");
    }

    static Pool pool(ReadView view, String poolId) {
        Pool pool = view.pools().get(poolId);
        if (pool == null) {
            throw ApiException.of(Rejection.of(Reason.POOL_NOT_FOUND, "pool " + shorten(poolId) + " does not exist"));
        }
        return pool;
    }

    static Ratio ratio(RequestBody body, String name) {
        String text = body.decimal(name);
        try {
            return Ratio.parse(text);
        } catch (RuntimeException e) {
            throw ApiException.malformed(name, name + " is not a ratio: " + e.getMessage());
        }
    }

    /** Domain constructors check their own values; their refusal is the caller's malformed request. */
    static <T> T valid(Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ApiException(400, "validation_failed", e.getMessage() == null ? "invalid value" : e.getMessage(), Map.of());
        }
    }

    static byte[] emptyObjectIfBlank(byte[] body) {
        return body.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : body;
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    static <T> Reply page(Call call, NavigableMap<String, T> map, String after, Function<T, ObjectNode> render,
            Function<T, String> key) {
        var items = Json.array();
        var tail = after == null ? map : map.tailMap(after, false);
        String last = null;
        for (T item : tail.values()) {
            if (items.size() == call.limit()) {
                break;
            }
            items.add(render.apply(item));
            last = key.apply(item);
        }
        return pageReply(items, items.size() == call.limit() ? last : null);
    }

    static <T> Reply page(Call call, NavigableMap<Long, T> map, long after, Function<T, ObjectNode> render, Predicate<T> visible,
            Function<T, String> key) {
        var items = Json.array();
        String last = null;
        int limit = call.limit();
        for (T item : map.tailMap(after, false).values()) {
            if (items.size() == limit) {
                break;
            }
            if (visible.test(item)) {
                items.add(render.apply(item));
                last = key.apply(item);
            }
        }
        return pageReply(items, items.size() == limit ? last : null);
    }

    private static Reply pageReply(ArrayNode items, String nextAfter) {
        var node = Json.object();
        node.set("items", items);
        return Reply.ok(node.put("next_after", nextAfter));
    }
}
