package io.auditcover.pricing;

import static io.auditcover.pricing.PricingFixtures.CONTRACT;
import static io.auditcover.pricing.PricingFixtures.LENDWELL;
import static io.auditcover.pricing.PricingFixtures.PROFILE;
import static io.auditcover.pricing.PricingFixtures.TODAY;
import static io.auditcover.pricing.PricingFixtures.UNAUDITED_CONTRACT;
import static io.auditcover.pricing.PricingFixtures.audit;
import static io.auditcover.pricing.PricingFixtures.finding;
import static io.auditcover.pricing.PricingFixtures.input;
import static io.auditcover.pricing.PricingFixtures.parameters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each factor reads its evidence and applies its table; the rate is the base times every factor. */
class RiskModelTest {
    static final AuditReport RECENT = audit("a1", "Trail of Bits", TODAY.minusMonths(2));

    static double factor(PricingInput input, String name) {
        return RiskModel.assess(parameters(), input).factors().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow()
                .multiplier();
    }

    @Test
    void the_rate_is_the_base_rate_times_every_factor_in_the_documented_order() {
        Risk risk = RiskModel.assess(parameters(), input(List.of(RECENT), PROFILE));
        assertThat(risk.factors()).extracting(Factor::name).containsExactlyElementsOf(RiskModel.FACTORS);
        double product = 0.02;
        for (Factor factor : risk.factors()) {
            product *= factor.multiplier();
        }
        assertThat(risk.annualRate()).isEqualTo(product);
        assertThat(risk.annualProbability()).isCloseTo(1 - Math.exp(-product), within(1e-15));
    }

    @Test
    void no_audit_costs_the_published_sixty_eight_percent_and_more_audits_discount() {
        assertThat(factor(input(List.of(), PROFILE), "audit_count")).isEqualTo(1.68);
        assertThat(factor(input(List.of(RECENT), PROFILE), "audit_count")).isEqualTo(1.0);
        assertThat(factor(input(List.of(RECENT, audit("a2", "X", TODAY), audit("a3", "Y", TODAY), audit("a4", "Z", TODAY)), PROFILE),
                "audit_count")).isEqualTo(0.75);
    }

    @Test
    void the_best_auditor_counts_and_an_unknown_auditor_costs_more() {
        assertThat(factor(input(List.of(RECENT), PROFILE), "auditor_track_record")).isEqualTo(0.8);
        assertThat(factor(input(List.of(audit("a1", "Nobody Known", TODAY)), PROFILE), "auditor_track_record")).isEqualTo(1.2);
        assertThat(factor(input(List.of(audit("a1", "Nobody Known", TODAY), RECENT), PROFILE), "auditor_track_record")).isEqualTo(0.8);
    }

    @Test
    void an_old_audit_costs_more_by_months_since_the_latest() {
        assertThat(factor(input(List.of(RECENT), PROFILE), "months_since_audit")).isEqualTo(1.0);
        assertThat(factor(input(List.of(audit("a1", "X", TODAY.minusMonths(8))), PROFILE), "months_since_audit")).isEqualTo(1.1);
        assertThat(factor(input(List.of(audit("a1", "X", TODAY.minusYears(3)), RECENT), PROFILE), "months_since_audit")).isEqualTo(1.0);
        assertThat(factor(input(List.of(audit("a1", "X", TODAY.minusYears(3))), PROFILE), "months_since_audit")).isEqualTo(1.5);
    }

    @Test
    void each_unresolved_finding_multiplies_by_its_severity_and_fixed_ones_do_not() {
        var audited = audit("a1", "X", TODAY, finding("f1", Severity.HIGH, FindingStatus.OPEN),
                finding("f2", Severity.MEDIUM, FindingStatus.ACKNOWLEDGED), finding("f3", Severity.CRITICAL, FindingStatus.FIXED),
                finding("f4", Severity.LOW, FindingStatus.OPEN));
        assertThat(factor(input(List.of(audited), PROFILE), "unresolved_findings")).isCloseTo(1.5 * 1.1, within(1e-12));
        var many = audit("a1", "X", TODAY, finding("f1", Severity.CRITICAL, FindingStatus.OPEN), finding("f2", Severity.CRITICAL,
                FindingStatus.OPEN), finding("f3", Severity.CRITICAL, FindingStatus.OPEN));
        assertThat(factor(input(List.of(many), PROFILE), "unresolved_findings")).as("capped").isEqualTo(4.0);
    }

    @Test
    void deployed_code_outside_every_audit_scope_raises_the_rate_by_its_share() {
        var half = new PricingInput(LENDWELL, List.of(CONTRACT, UNAUDITED_CONTRACT), List.of(RECENT), PROFILE, TODAY);
        assertThat(factor(half, "unaudited_code_share")).isEqualTo(1 + 2.0 * 0.5);
        assertThat(factor(input(List.of(RECENT), PROFILE), "unaudited_code_share")).isEqualTo(1.0);
        var none = new PricingInput(LENDWELL, List.of(), List.of(RECENT), PROFILE, TODAY);
        assertThat(factor(none, "unaudited_code_share")).as("nothing registered counts as unaudited").isEqualTo(3.0);
    }

    @Test
    void a_bounty_relative_to_tvl_lowers_the_rate_and_none_raises_it() {
        assertThat(factor(input(List.of(RECENT), withBounty(0)), "bounty_share_of_tvl")).isEqualTo(1.2);
        assertThat(factor(input(List.of(RECENT), withBounty(100_000)), "bounty_share_of_tvl")).isEqualTo(1.0);
        assertThat(factor(input(List.of(RECENT), withBounty(1_000_000)), "bounty_share_of_tvl")).isEqualTo(0.8);
    }

    @Test
    void young_code_costs_more_and_two_clean_years_earn_a_discount_counting_from_the_last_incident() {
        assertThat(factor(input(List.of(RECENT), launched(TODAY.minusDays(30), null)), "days_live_without_incident")).isEqualTo(1.6);
        assertThat(factor(input(List.of(RECENT), launched(TODAY.minusYears(3), null)), "days_live_without_incident")).isEqualTo(0.8);
        assertThat(factor(input(List.of(RECENT), launched(TODAY.minusYears(3), TODAY.minusDays(10))), "days_live_without_incident"))
                .isEqualTo(1.6);
    }

    @Test
    void tvl_scales_the_rate_by_a_power_within_bounds() {
        assertThat(factor(input(List.of(RECENT), withTvl(20_000_000L)), "tvl")).isCloseTo(1.0, within(1e-12));
        assertThat(factor(input(List.of(RECENT), withTvl(640_000_000L)), "tvl")).isCloseTo(Math.pow(32, 0.2), within(1e-12));
        assertThat(factor(input(List.of(RECENT), withTvl(1_000L)), "tvl")).isEqualTo(0.5);
    }

    @Test
    void upgradeable_code_and_a_single_admin_key_raise_the_rate() {
        var risky = new RiskProfile("lendwell", 20_000_000L, 100_000L, LocalDate.of(2024, 6, 1), null, true, RiskProfile.AdminKey.SINGLE_KEY,
                RiskProfile.AuditKind.FIRM);
        assertThat(factor(input(List.of(RECENT), risky), "upgradeable")).isEqualTo(1.3);
        assertThat(factor(input(List.of(RECENT), risky), "admin_key")).isEqualTo(1.5);
        assertThat(factor(input(List.of(RECENT), PROFILE), "upgradeable")).isEqualTo(1.0);
        assertThat(factor(input(List.of(RECENT), PROFILE), "admin_key")).isEqualTo(1.0);
    }

    @Test
    void the_category_table_applies_and_an_unknown_category_gets_its_default() {
        assertThat(factor(input(List.of(RECENT), PROFILE), "category")).isEqualTo(1.25);
        var other = new PricingInput(new Protocol("lendwell", "Lendwell", "gaming"), List.of(CONTRACT), List.of(RECENT), PROFILE, TODAY);
        assertThat(factor(other, "category")).isEqualTo(1.1);
    }

    @Test
    void a_missing_profile_is_priced_on_the_conservative_defaults() {
        var withDefaults = RiskModel.assess(parameters(), input(List.of(RECENT), null));
        var stated = RiskModel.assess(parameters(), input(List.of(RECENT), PROFILE));
        assertThat(withDefaults.annualRate()).isGreaterThan(stated.annualRate());
    }

    @Test
    void the_payout_ratio_falls_as_tvl_grows_and_never_exceeds_one() {
        var calibration = parameters().calibration();
        double small = RiskModel.payoutRatio(calibration, 1e6);
        double large = RiskModel.payoutRatio(calibration, 1e9);
        assertThat(small).isLessThanOrEqualTo(1).isGreaterThan(large);
        assertThat(large).isPositive();
    }

    static RiskProfile withBounty(long bounty) {
        return new RiskProfile("lendwell", 20_000_000L, bounty, LocalDate.of(2024, 6, 1), null, false, RiskProfile.AdminKey.NONE,
                RiskProfile.AuditKind.FIRM);
    }

    static RiskProfile withTvl(long tvl) {
        return new RiskProfile("lendwell", tvl, 100_000L, LocalDate.of(2024, 6, 1), null, false, RiskProfile.AdminKey.NONE,
                RiskProfile.AuditKind.FIRM);
    }

    static RiskProfile launched(LocalDate launch, LocalDate incident) {
        return new RiskProfile("lendwell", 20_000_000L, 100_000L, launch, incident, false, RiskProfile.AdminKey.NONE, RiskProfile.AuditKind.FIRM);
    }
}
