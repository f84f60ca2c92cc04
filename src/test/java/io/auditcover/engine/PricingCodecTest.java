package io.auditcover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.pricing.Factor;
import io.auditcover.pricing.FittedFactors;
import io.auditcover.pricing.RiskProfile;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Records written before the fitted factors existed decode with neutral defaults: an unknown listing, no source, none fitted. */
class PricingCodecTest {
    static final RiskProfile PROFILE = new RiskProfile("lendwell", 50_000_000, 500_000, LocalDate.of(2022, 3, 1), null, true,
            RiskProfile.AdminKey.TIMELOCK_MULTISIG, RiskProfile.AuditKind.FIRM);

    @Test
    void a_risk_profile_logged_without_a_listing_decodes_with_an_unknown_one() throws java.io.IOException {
        byte[] json = without(Codec.encode(PROFILE), "listing");
        RiskProfile decoded = Codec.decode(json, RiskProfile.class);
        assertThat(decoded).isEqualTo(PROFILE);
        assertThat(decoded.listing()).isEqualTo(RiskProfile.Listing.UNKNOWN);
    }

    @Test
    void a_factor_logged_without_a_source_decodes_with_none() {
        Factor decoded = Codec.decode("{\"measured\":1.0,\"multiplier\":1.2,\"name\":\"tvl\"}".getBytes(StandardCharsets.UTF_8), Factor.class);
        assertThat(decoded).isEqualTo(new Factor("tvl", 1, 1.2));
        assertThat(decoded.source()).isEmpty();
    }

    @Test
    void parameters_logged_without_fitted_factors_apply_none() throws java.io.IOException {
        var bundled = PricingFile.bundled();
        byte[] json = without(PricingFile.toJson(bundled.withFitted(FittedFactors.NONE)).getBytes(StandardCharsets.UTF_8), "fitted");
        var decoded = PricingFile.parse(json);
        assertThat(decoded.fitted()).isEqualTo(FittedFactors.NONE);
        assertThat(decoded).isEqualTo(bundled.withFitted(FittedFactors.NONE));
    }

    private static byte[] without(byte[] json, String field) throws java.io.IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
        assertThat(tree.has(field)).isTrue();
        tree.remove(field);
        return mapper.writeValueAsBytes(tree);
    }
}
