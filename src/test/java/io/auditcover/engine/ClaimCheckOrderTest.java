package io.auditcover.engine;

import io.auditcover.claims.LossEvidence;
import static io.auditcover.engine.Business.ORACLES;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.STRANGER;
import static io.auditcover.engine.EngineFixtures.ETH;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.reason.Reason;
import io.auditcover.money.Money;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the order of the claim commands' checks: each row breaks one check and every later one, and must get that check's code. */
class ClaimCheckOrderTest {
    static final Money LOSS = Money.whole(USDC, 500);

    /** Bob holds indemnity cover 1, cleo parametric cover 2; inc-1 is final, inc-p only reported. */
    static Business book() {
        var book = Business.standard(1_000_000);
        book.buy("bob", 10_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, Business.HALF_PARAMETRIC));
        book.buy("cleo", 10_000);
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(Business.incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        book.ok(new Command.ReportIncident(book.id(), pending(book)));
        return book;
    }

    /** The pending incident, the same every time so its signatures can be made again. */
    static Incident pending(Business book) {
        return Business.incident("inc-p", Cause.REENTRANCY, PENDING_AT);
    }

    static final java.time.Instant PENDING_AT = java.time.Instant.parse("2026-01-02T12:00:00Z");

    private static void check(Business book, Map<Command, Object> table) {
        table.forEach((command, expected) -> {
            Decision decision = Decider.decide(book.state, command, book.now, EngineFixtures.SIGNATURES);
            Object actual = decision instanceof Rejection rejection ? rejection.code() : "accepted";
            assertThat(actual).as("%s", command).isEqualTo(expected);
        });
    }

    private static Command.FileClaim file(String holder, long coverId, String incidentId, Money loss, LossEvidence evidence) {
        return new Command.FileClaim("f", holder, coverId, incidentId, loss, evidence);
    }

    @Test
    void appealing_a_claim_checks_the_bond_then_the_claim_then_owner_then_asset_then_the_denial_then_the_bond_size() {
        var book = Business.standard(1_000_000);
        long cover = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(Business.incident("inc-k", Cause.KEY_COMPROMISE, book.now.minusSeconds(60)));
        long denied = ((Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cover, "inc-k", LOSS, null))).claimId();
        Money bond = io.auditcover.claims.Panels.appealBondFor(LOSS);
        var table = new LinkedHashMap<Command, Object>();
        table.put(new Command.AppealClaim("a", "cleo", 99, Money.zero(ETH)), Reason.INVALID_COMMAND);
        table.put(new Command.AppealClaim("a", "cleo", 99, Money.ofUnits(ETH, 1)), Reason.CLAIM_NOT_FOUND);
        table.put(new Command.AppealClaim("a", "cleo", denied, Money.ofUnits(ETH, 1)), Reason.NOT_OWNER);
        table.put(new Command.AppealClaim("a", "bob", denied, Money.ofUnits(ETH, 1)), Reason.ASSET_MISMATCH);
        table.put(new Command.AppealClaim("a", "bob", denied, Money.ofUnits(USDC, 1)), Reason.NO_ASSESSORS);
        check(book, table);
        book.ok(new Command.RegisterAssessor(book.id(), "as-1", 1, 1));
        table.clear();
        table.put(new Command.AppealClaim("a", "bob", denied, Money.ofUnits(USDC, 1)), Reason.BOND_TOO_SMALL);
        table.put(new Command.AppealClaim("a", "bob", denied, bond), "accepted");
        check(book, table);
    }

    @Test
    void filing_a_claim_checks_shape_then_cover_then_owner_then_incident_then_asset_then_kind_then_status() {
        var book = book();
        var backwards = new LossEvidence(LOSS, Money.zero(USDC), 10, 9);
        var table = new LinkedHashMap<Command, Object>();
        table.put(file("Bad Holder!", 99, "nope", Money.zero(ETH), backwards), Reason.INVALID_COMMAND);
        table.put(file("dan", 99, "nope", Money.zero(ETH), backwards), Reason.INVALID_COMMAND);
        table.put(file("dan", 99, "nope", Money.whole(ETH, 1), backwards), Reason.INVALID_COMMAND);
        table.put(file("dan", 99, "nope", Money.whole(ETH, 1), null), Reason.COVER_NOT_FOUND);
        table.put(file("dan", 2, "nope", Money.whole(ETH, 1), null), Reason.NOT_OWNER);
        table.put(file("cleo", 2, "nope", Money.whole(ETH, 1), null), Reason.INCIDENT_NOT_FOUND);
        table.put(file("cleo", 2, "inc-p", Money.whole(ETH, 1), null), Reason.ASSET_MISMATCH);
        table.put(file("cleo", 2, "inc-p", LOSS, null), Reason.INVALID_COMMAND);
        table.put(file("bob", 1, "inc-p", LOSS, null), Reason.INCIDENT_NOT_FINAL);
        table.put(file("bob", 1, "inc-1", LOSS, null), "accepted");
        check(book, table);
    }

    @Test
    void settling_checks_existence_then_settled_then_finality_then_open_claim_windows() {
        var book = book();
        var table = new LinkedHashMap<Command, Object>();
        table.put(new Command.SettleIncident("s", "nope"), Reason.INCIDENT_NOT_FOUND);
        table.put(new Command.SettleIncident("s", "inc-p"), Reason.INCIDENT_NOT_FINAL);
        table.put(new Command.SettleIncident("s", "inc-1"), Reason.CLAIM_WINDOW_OPEN);
        check(book, table);
        book.ok(file("bob", 1, "inc-1", LOSS, null));
        check(book, Map.of(new Command.SettleIncident("s", "inc-1"), "accepted"));
        book.settle("inc-1");
        check(book, Map.of(new Command.SettleIncident("s", "inc-1"), Reason.INCIDENT_ALREADY_SETTLED));
    }

    private static Command.DeclareReimbursement declare(String by, long coverId, String incidentId, Money amount,
            io.auditcover.claims.Reimbursement.Source source, String evidence) {
        return new Command.DeclareReimbursement("r", by, coverId, incidentId, amount, source, evidence);
    }

    @Test
    void declaring_a_reimbursement_checks_shape_then_cover_then_declarer_then_incident_then_asset_then_kind_then_settlement() {
        var book = book();
        var protocol = io.auditcover.claims.Reimbursement.Source.PROTOCOL;
        var table = new LinkedHashMap<Command, Object>();
        table.put(declare("Bad Holder!", 99, "nope", Money.zero(ETH), null, ""), Reason.INVALID_COMMAND);
        table.put(declare("dan", 99, "nope", Money.zero(ETH), null, ""), Reason.INVALID_COMMAND);
        table.put(declare("dan", 99, "nope", Money.whole(ETH, 1), null, ""), Reason.INVALID_COMMAND);
        table.put(declare("dan", 99, "nope", Money.whole(ETH, 1), protocol, ""), Reason.INVALID_COMMAND);
        table.put(declare("dan", 99, "nope", Money.whole(ETH, 1), protocol, "x".repeat(2_001)), Reason.INVALID_COMMAND);
        table.put(declare("dan", 99, "nope", Money.whole(ETH, 1), protocol, "post-mortem"), Reason.COVER_NOT_FOUND);
        table.put(declare("dan", 2, "nope", Money.whole(ETH, 1), protocol, "post-mortem"), Reason.NOT_OWNER);
        table.put(declare("cleo", 2, "nope", Money.whole(ETH, 1), protocol, "post-mortem"), Reason.INCIDENT_NOT_FOUND);
        table.put(declare("cleo", 2, "inc-p", Money.whole(ETH, 1), protocol, "post-mortem"), Reason.ASSET_MISMATCH);
        table.put(declare("cleo", 2, "inc-p", LOSS, protocol, "post-mortem"), Reason.INVALID_COMMAND);
        table.put(declare("operator", 1, "inc-p", LOSS, protocol, "post-mortem"), "accepted");
        table.put(declare("bob", 1, "inc-1", LOSS, protocol, "post-mortem"), "accepted");
        check(book, table);
        book.ok(file("bob", 1, "inc-1", LOSS, null));
        book.settle("inc-1");
        check(book, Map.of(declare("bob", 1, "inc-1", LOSS, protocol, "post-mortem"), Reason.INCIDENT_ALREADY_SETTLED));
    }

    @Test
    void attesting_checks_the_incident_then_the_signature_then_the_oracle_then_duplicates() {
        var book = book();
        Incident incident = pending(book);
        book.ok(new Command.AttestIncident(book.id(), "inc-p", Business.signature(incident, true, ORACLES.get(1))));
        var table = new LinkedHashMap<Command, Object>();
        table.put(new Command.AttestIncident("a", "nope", "0x12"), Reason.INCIDENT_NOT_FOUND);
        table.put(new Command.AttestIncident("a", "inc-p", "0x12"), Reason.INVALID_SIGNATURE);
        table.put(new Command.AttestIncident("a", "inc-p", Business.signature(incident, true, STRANGER)), Reason.UNKNOWN_ORACLE);
        table.put(new Command.AttestIncident("a", "inc-p", Business.signature(incident, true, ORACLES.get(1))), Reason.DUPLICATE_ATTESTATION);
        table.put(new Command.AttestIncident("a", "inc-p", Business.signature(incident, true, ORACLES.get(0))), "accepted");
        check(book, table);
    }
}
