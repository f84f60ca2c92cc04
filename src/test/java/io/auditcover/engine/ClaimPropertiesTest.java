package io.auditcover.engine;

import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.SharesAtReport;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.Position;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random books of business settle random incidents: no cover is paid twice for one incident or above its amount, the
 * pool's capital falls by exactly what it paid less its recovery, each position bears the loss by exactly the shares it held
 * at the incident (a deposit between the incident and its report bears none), the shares burned are split exactly by those
 * holdings, and a deposit made after the report keeps its value. Seeds: {@link Seeds}.
 */
class ClaimPropertiesTest {
    static final long[] SEEDS = {1, 2, 3, 4, 5};
    static final int CASES = 30;
    static final List<String> UNDERWRITERS = List.of("ada", "bram", "chen");

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void settlements_pay_each_cover_at_most_once_within_its_amount_and_losses_fall_on_shares_held_at_the_report(long seed) {
        try {
            var random = new Random(seed);
            for (int i = 0; i < CASES; i++) {
                oneCase(random);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("claim properties failed with seed " + seed + " " + Seeds.rerun(seed), e);
        }
    }

    private static void oneCase(Random random) {
        var book = Business.standard(0);
        for (String underwriter : UNDERWRITERS) {
            book.ok(new Command.Deposit(book.id(), "alpha", underwriter, Money.ofUnits(USDC, random.nextLong(1_000_000_000L, 200_000_000_000L))));
        }
        if (random.nextBoolean()) {
            book.ok(new Command.SetReinsurance(book.id(), "alpha", new ExcessOfLoss(Money.whole(USDC, random.nextInt(50_000)),
                    Money.whole(USDC, 1 + random.nextInt(100_000)))));
        }
        var paidByCover = new TreeMap<Long, Long>();
        for (int incidentNumber = 0; incidentNumber < 1 + random.nextInt(3); incidentNumber++) {
            clearShortfall(book);
            book.ok(new Command.SetClaimTerms(book.id(), "alpha", Business.PROTOCOL, random.nextInt(4) == 0
                    ? ClaimTerms.indemnity(Money.zero(USDC)) : ClaimTerms.parametric(Ratio.of(1 + random.nextInt(4), 4), Money.zero(USDC))));
            for (int c = random.nextInt(1, 12); c > 0; c--) {
                var buy = book.run(new Command.BuyCover(book.id(), "holder-" + c, "alpha", Business.PROTOCOL,
                        Money.ofUnits(USDC, random.nextLong(1_000_000, 300_000_000_000L)), 28 + random.nextInt(60)));
                assertThat(buy).isNotNull();
            }
            String withdrawing = UNDERWRITERS.get(random.nextInt(UNDERWRITERS.size()));
            Position position = book.state.positions().get(Position.key("alpha", withdrawing));
            if (position != null && position.sharesAvailable() > 1 && random.nextBoolean()) {
                book.ok(new Command.RequestWithdrawal(book.id(), "alpha", withdrawing, 1 + random.nextLong(position.sharesAvailable() - 1)));
            }
            book.advance(Duration.ofHours(1 + random.nextInt(100)));
            settleOne(book, random, "inc-" + incidentNumber, paidByCover);
        }
        // What a short pool paid later (from premium earned and the sponsor's deposits) is paid on the same claims.
        book.state.claimRecords().values().forEach(claim -> claim.latePayments()
                .forEach(payment -> paidByCover.merge(claim.coverId(), payment.amount().units(), Math::addExact)));
        for (var cover : book.state.covers().values()) {
            assertThat(cover.paid()).isLessThanOrEqualTo(cover.amount());
            assertThat(cover.paid().units()).isEqualTo(paidByCover.getOrDefault(cover.id(), 0L));
        }
    }

    /**
     * A pool short at the last settlement is spent: an operator reopens it and a sponsor pays what it owes (and a unit more, so
     * the deposit mints a share), so the deposits below buy shares at the pool's NAV as they did before shortfalls were owed.
     */
    private static void clearShortfall(Business book) {
        Money owed = io.auditcover.claims.Shortfalls.owed(book.state.claimBook(), book.state.pools().get("alpha"));
        if (!owed.isPositive()) {
            return;
        }
        if (book.state.claimBook().spent("alpha")) {
            book.ok(new Command.ReopenPool(book.id(), "alpha"));
        }
        book.ok(new Command.Deposit(book.id(), "alpha", "sponsor", owed.plus(Money.whole(USDC, 1))));
    }

    private static void settleOne(Business book, Random random, String incidentId, TreeMap<Long, Long> paidByCover) {
        var incident = Business.incident(incidentId, random.nextInt(5) == 0 ? Cause.PHISHING : Cause.REENTRANCY,
                book.now.minusSeconds(1 + random.nextInt(3_600)));
        var heldAtIncident = new TreeMap<String, Long>();
        book.state.positions().values().forEach(p -> heldAtIncident.put(p.underwriter(), p.shares()));
        String between = "between-" + incidentId;
        book.ok(new Command.Deposit(book.id(), "alpha", between, Money.ofUnits(USDC, random.nextLong(1_000_000, 50_000_000_000L))));
        String topUp = UNDERWRITERS.get(random.nextInt(UNDERWRITERS.size()));
        var topUpDeposit = (Event.CapitalDeposited) book.ok(new Command.Deposit(book.id(), "alpha", topUp, Money.ofUnits(USDC, 1_000_000)));
        // As the engine does: a pool records shares at the report when its listing has cover left to pay, which a cover paid in
        // full no longer has even while it is still active.
        boolean recordsShares = book.state.listings().values().stream()
                .anyMatch(listing -> listing.protocolId().equals(incident.protocolId()) && listing.activeCover().isPositive());
        book.ok(new Command.ReportIncident(book.id(), incident));
        var atReport = new TreeMap<String, Long>();
        book.state.incidents().get(incidentId).sharesAtReport().forEach(s -> atReport.put(s.underwriter(), s.shares()));
        assertThat(atReport).as("a deposit after the incident, before its report, bears nothing").doesNotContainKey(between);
        heldAtIncident.forEach((underwriter, shares) -> {
            if (!recordsShares || shares == 0) {
                return;
            }
            assertThat(atReport.get(underwriter)).as("%s bears exactly what it held at the incident", underwriter).isEqualTo(shares);
        });
        assertThat(topUpDeposit.sharesMinted()).isPositive();
        book.ok(new Command.AttestIncident(book.id(), incidentId, Business.signature(incident, true, Business.ORACLES.get(0))));
        book.ok(new Command.AttestIncident(book.id(), incidentId, Business.signature(incident, true, Business.ORACLES.get(2))));
        for (var cover : book.state.covers().values()) {
            var terms = book.state.claimTermsOf(cover);
            if (terms.trigger() == io.auditcover.claims.TriggerKind.INDEMNITY && !cover.start().isAfter(incident.occurredAt())
                    && cover.end().isAfter(incident.occurredAt())) {
                long before = random.nextLong(1, cover.amount().units() * 2);
                var evidence = random.nextInt(4) == 0 ? null : new LossEvidence(Money.ofUnits(USDC, before),
                        Money.ofUnits(USDC, random.nextLong(0, before + 1)), 140, 155);
                book.ok(new Command.FileClaim(book.id(), cover.holder(), cover.id(), incidentId, Money.ofUnits(USDC, before), evidence));
            }
        }
        book.now = book.now.plus(Business.DISPUTE_WINDOW);
        String latecomer = "late-" + incidentId;
        book.ok(new Command.Deposit(book.id(), "alpha", latecomer, Money.ofUnits(USDC, random.nextLong(1_000_000, 50_000_000_000L))));
        var before = book.state.pools().get("alpha");
        long lateShares = book.state.positions().get(Position.key("alpha", latecomer)).shares();
        Money lateValue = before.valueOf(lateShares);

        var settled = book.settle(incidentId);

        var covers = new HashSet<Long>();
        long paidSum = 0;
        for (var claim : settled.claims()) {
            assertThat(covers.add(claim.coverId())).as("cover %d decided twice", claim.coverId()).isTrue();
            assertThat(claim.paidUnits()).isLessThanOrEqualTo(claim.approvedUnits());
            assertThat(claim.approvedUnits()).isLessThanOrEqualTo(claim.remainingUnits());
            paidByCover.merge(claim.coverId(), claim.paidUnits(), Math::addExact);
            paidSum += claim.paidUnits();
        }
        var after = book.state.pools().get("alpha");
        if (settled.pools().isEmpty()) {
            assertThat(paidSum).isZero();
            assertThat(after.capital()).isEqualTo(before.capital());
            return;
        }
        var pool = settled.pools().getFirst();
        assertThat(pool.paid().units()).isEqualTo(paidSum);
        assertThat(before.capital().minus(after.capital())).as("pool loss equals payouts less recovery").isEqualTo(pool.paid().minus(pool.recovery()));
        assertThat(pool.paid().plus(pool.shortfall())).isEqualTo(pool.approved());
        long burnedTotal = pool.sharesBurned().stream().mapToLong(SharesAtReport::shares).sum();
        long heldAtReport = atReport.values().stream().mapToLong(Long::longValue).sum();
        assertThat(before.shares() - after.shares()).isEqualTo(burnedTotal);
        for (var burn : pool.sharesBurned()) {
            assertThat(atReport).containsKey(burn.underwriter());
            BigInteger exact = BigInteger.valueOf(burnedTotal).multiply(BigInteger.valueOf(atReport.get(burn.underwriter())));
            long floor = exact.divide(BigInteger.valueOf(heldAtReport)).longValueExact();
            assertThat(burn.shares()).as("burn of %s split by holdings at the report", burn.underwriter()).isBetween(floor, floor + 1);
        }
        if (burnedTotal < heldAtReport) {
            assertThat(after.valueOf(lateShares)).as("a deposit after the report bears none of the loss").isGreaterThanOrEqualTo(lateValue);
        }
    }
}
