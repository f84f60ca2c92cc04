package io.auditcover.engine;

import io.auditcover.claims.ClaimDecided;
import static io.auditcover.engine.Business.HALF_PARAMETRIC;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cover is sold only when it can pay: from its own purchase time, never on an open incident, never on a protocol with nothing to report on. */
class SalesIntegrityTest {

    @Test
    void a_cover_bought_seconds_after_an_exploit_began_starts_then_and_is_never_paid_for_it() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.advance(Duration.ofDays(1));
        Incident exploit = incident("inc-1", Cause.REENTRANCY, book.now.plus(Duration.ofMinutes(10)));
        book.now = exploit.occurredAt().plusSeconds(3); // no tick since: engine time is still the last tick's
        var bought = book.buy("mallory", 10_000);

        assertThat(bought.cover().start()).as("the purchase's own time, not the last tick's").isEqualTo(book.now);
        book.now = book.now.plus(Duration.ofMinutes(5));
        var reported = (Event.IncidentReported) book.ok(new Command.ReportIncident(book.id(), exploit));
        assertThat(reported.pools()).as("no pool had a cover running when the exploit began").isEmpty();
    }

    /** A day in, an exploit begins; mallory buys three seconds later, before any tick; it is reported and confirmed. */
    private static long malloryBuysOnTheExploit(Business book, String incidentId) {
        book.advance(Duration.ofDays(1));
        Incident exploit = incident(incidentId, Cause.REENTRANCY, book.now.plus(Duration.ofMinutes(10)));
        book.now = exploit.occurredAt().plusSeconds(3);
        long late = book.buy("mallory", 10_000).cover().id();
        book.now = book.now.plus(Duration.ofMinutes(5));
        book.reportAndConfirm(exploit);
        return late;
    }

    @Test
    void a_cover_bought_after_the_exploit_is_not_decided_when_an_earlier_cover_is_paid() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        long honest = book.buy("bob", 10_000).cover().id();
        long late = malloryBuysOnTheExploit(book, "inc-1");

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).filteredOn(claim -> claim.coverId() == honest).singleElement()
                .extracting(ClaimDecided::paidUnits).isEqualTo(Money.whole(USDC, 5_000).units());
        assertThat(settled.claims()).filteredOn(claim -> claim.coverId() == late && claim.paidUnits() > 0).isEmpty();
        assertThat(book.state.covers().get(late).paid().isZero()).isTrue();
    }

    @Test
    void cover_is_not_sold_or_quoted_while_an_incident_on_its_protocol_is_open() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.buy("bob", 10_000);
        book.advance(Duration.ofDays(1));
        Incident exploit = incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.ok(new Command.ReportIncident(book.id(), exploit));
        long coversBefore = book.state.covers().size();

        var refused = book.no(new Command.BuyCover(book.id(), "cleo", "alpha", PROTOCOL, Money.whole(USDC, 1_000), 90));
        assertThat(refused.code()).isEqualTo(Reason.INCIDENT_OPEN);
        assertThat(refused.details()).containsEntry("incident_id", "inc-1").containsEntry("status", "pending");
        assertThat(book.state.covers()).hasSize((int) coversBefore);
        var quote = Quotes.quote(Quotes.quoteState(book.state), "alpha", PROTOCOL, Money.whole(USDC, 1_000), 90, book.now);
        assertThat(quote).isInstanceOfSatisfying(Quotes.Refused.class, r -> assertThat(r.rejection().code()).isEqualTo(Reason.INCIDENT_OPEN));

        book.ok(new Command.AttestIncident(book.id(), "inc-1", Business.signature(exploit, true, Business.ORACLES.get(0))));
        book.ok(new Command.AttestIncident(book.id(), "inc-1", Business.signature(exploit, true, Business.ORACLES.get(1))));
        assertThat(book.no(new Command.BuyCover(book.id(), "cleo", "alpha", PROTOCOL, Money.whole(USDC, 1_000), 90)).details())
                .containsEntry("status", "confirmed");
        book.advance(Business.DISPUTE_WINDOW);
        book.settle("inc-1");

        book.buy("cleo", 1_000);
    }

    @Test
    void a_protocol_with_no_registered_contract_cannot_be_listed_for_exploit_cover() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.RegisterProtocol(book.id(), new Protocol("ghostfi", "Ghost Finance", "lending")));
        int listings = book.state.listings().size();

        var refused = book.no(new Command.ListProtocol(book.id(), "alpha", "ghostfi", 200));

        assertThat(refused.code()).isEqualTo(Reason.PROTOCOL_HAS_NO_CONTRACT);
        assertThat(book.state.listings()).hasSize(listings);
    }

    @Test
    void a_claim_on_a_cover_that_was_not_running_at_the_incident_is_refused_at_filing() {
        var book = Business.standard(1_000_000);
        long before = book.buy("bob", 10_000).cover().id();
        long after = malloryBuysOnTheExploit(book, "inc-1");
        Incident exploit = book.state.incidents().get("inc-1").incident();
        int filed = book.state.filedClaims().size();

        var refused = book.no(new Command.FileClaim(book.id(), "mallory", after, "inc-1", Money.whole(USDC, 10_000), null));

        assertThat(refused.code()).isEqualTo(Reason.COVER_NOT_ACTIVE_AT_INCIDENT);
        assertThat(refused.details()).containsEntry("occurred_at", exploit.occurredAt().toString());
        assertThat(book.state.filedClaims()).hasSize(filed);
        book.ok(new Command.FileClaim(book.id(), "bob", before, "inc-1", Money.whole(USDC, 10_000), null));
    }
}
