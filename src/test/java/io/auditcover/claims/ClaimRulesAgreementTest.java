package io.auditcover.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ClaimRules#decide}, settlement's fast path, and {@link ClaimRules#check}, the explained one, never disagree (seeds: {@link Seeds}). */
class ClaimRulesAgreementTest {
    static final long[] SEEDS = {1, 2, 3, 4};
    static final int CASES = 5_000;
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant INCIDENT = Instant.parse("2026-03-01T12:00:00Z");
    static final Cause[] CAUSES = Cause.values();
    static final ScopeStatus[] STATUSES = ScopeStatus.values();

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decide_and_check_agree_on_decision_reason_and_payout_for_random_facts(long seed) {
        var random = new Random(seed);
        var seen = new EnumMap<Adjudication.Decision, Integer>(Adjudication.Decision.class);
        for (int i = 0; i < CASES; i++) {
            ClaimFacts facts = randomFacts(random);
            Adjudication explained = ClaimRules.check(facts);
            Ruling ruling = ClaimRules.decide(facts);
            assertThat(ruling).as("seed %d, case %d %s: %s", seed, i, Seeds.rerun(seed), facts)
                    .isEqualTo(new Ruling(explained.decision(), explained.reasonCode(), explained.payout()));
            seen.merge(ruling.decision(), 1, Integer::sum);
        }
        assertThat(seen).as("seed %d: every decision is exercised", seed).containsOnlyKeys(Adjudication.Decision.values());
    }

    /** Facts near every rule's edge: times around the incident by hours, amounts that may be zero, facts that may be missing. */
    static ClaimFacts randomFacts(Random random) {
        Money amount = Money.ofUnits(USDC, 1 + random.nextLong(10_000_000_000L));
        Money remaining = random.nextInt(5) == 0 ? Money.zero(USDC) : Money.ofUnits(USDC, random.nextLong(amount.units() + 1));
        Instant start = INCIDENT.minus(Duration.ofHours(random.nextInt(24 * 40) - 24 * 5));
        Instant end = start.plus(Duration.ofHours(1 + random.nextInt(24 * 60)));
        var scope = new TreeMap<String, ScopeStatus>();
        for (int contracts = random.nextInt(4), c = 0; c < contracts; c++) {
            scope.put("1:0x" + "%040x".formatted(c), random.nextInt(3) == 0 ? STATUSES[random.nextInt(STATUSES.length)] : ScopeStatus.IN_SCOPE);
        }
        Optional<Cause> cause = random.nextInt(6) == 0 ? Optional.empty() : Optional.of(CAUSES[random.nextInt(CAUSES.length)]);
        Money claimed = Money.ofUnits(USDC, random.nextLong(amount.units() * 2));
        Optional<Money> proven = random.nextInt(4) == 0 ? Optional.empty() : Optional.of(Money.ofUnits(USDC, random.nextLong(amount.units() * 2)));
        Instant filed = INCIDENT.plus(Duration.ofHours(random.nextInt(24 * 400)));
        PaidElsewhere elsewhere = random.nextInt(3) != 0 ? PaidElsewhere.none(Money.zero(USDC))
                : new PaidElsewhere(Money.ofUnits(USDC, 1 + random.nextLong(amount.units() * 2)), List.of(1L + random.nextInt(9)));
        ClaimTerms terms = randomTerms(random);
        // Reimbursements around the loss (none, some, all of it and more), and an incident that took any share of the protocol.
        var reimbursements = new java.util.ArrayList<Reimbursement>();
        for (int count = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0, r = 0; r < count; r++) {
            reimbursements.add(new Reimbursement(1, "inc-1", Money.ofUnits(USDC, 1 + random.nextLong(amount.units())),
                    Reimbursement.Source.values()[random.nextInt(Reimbursement.Source.values().length)], "evidence " + r, "bob", INCIDENT));
        }
        Ratio lossShare = random.nextInt(3) == 0 ? Ratio.ONE : Ratio.bps(1 + random.nextInt(10_000));
        return new ClaimFacts(terms, start, end, amount, remaining, INCIDENT, 19_000_000 + random.nextInt(1_000), scope, cause,
                claimed, proven, filed, lossShare, elsewhere, reimbursements);
    }

    static ClaimTerms randomTerms(Random random) {
        TriggerKind trigger = random.nextBoolean() ? TriggerKind.PARAMETRIC : TriggerKind.INDEMNITY;
        long denominator = 1 + random.nextInt(1_000);
        Ratio payoutRatio = Ratio.of(1 + random.nextLong(denominator), denominator);
        Money deductible = Money.ofUnits(USDC, random.nextInt(3) == 0 ? 0 : random.nextLong(1_000_000_000L));
        var exclusions = EnumSet.noneOf(Cause.class);
        for (Cause cause : CAUSES) {
            if (random.nextInt(4) == 0) {
                exclusions.add(cause);
            }
        }
        Duration waiting = Duration.ofHours(random.nextInt(24 * 30 + 1));
        Duration window = Duration.ofHours(24 + random.nextInt(24 * 364 + 1));
        var basis = random.nextInt(4) == 0 ? ClaimTerms.PayoutBasis.LOSS_SHARE : ClaimTerms.PayoutBasis.FIXED;
        Ratio minimumLossShare = random.nextInt(3) == 0 ? Ratio.bps(1 + random.nextInt(10_000)) : null;
        return new ClaimTerms(trigger, payoutRatio, deductible, random.nextInt(5) == 0 ? Cause.defaultExclusions() : exclusions, waiting, window,
                basis, minimumLossShare);
    }

    @Test
    void the_facts_text_names_every_fact_a_rule_used() {
        var facts = ClaimRulesTest.good();
        Map<Rule, Map<String, String>> used = new EnumMap<>(Rule.class);
        ClaimRules.check(facts).results().forEach(result -> used.put(result.rule(), result.facts()));
        assertThat(used.get(Rule.FILED_WITHIN_CLAIM_WINDOW)).containsEntry("claim_window_closes", "2026-03-31T12:00:00Z");
        assertThat(used.get(Rule.CAUSE_NOT_EXCLUDED)).containsEntry("cause", "reentrancy");
        assertThat(used.get(Rule.LOSS_AT_LEAST_DEDUCTIBLE)).containsEntry("proven_loss", "4000.000000 USDC").containsEntry("deductible", "500.000000 USDC");
    }
}
