package io.auditcover.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssetTokenTest {
    /** Mainnet USDC as wallets show it, with its EIP-55 checksum. */
    static final String USDC_CHECKSUMMED = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
    static final String USDC_LOWER = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";

    @Test
    void a_token_spec_names_the_asset_the_address_and_the_decimals() {
        assertThat(AssetToken.parse("USDC=" + USDC_LOWER + ":6")).isEqualTo(new AssetToken("USDC", USDC_LOWER, 6));
    }

    @Test
    void the_native_coin_has_eighteen_decimals_and_no_address() {
        AssetToken ether = AssetToken.parse("ETH=native");

        assertThat(ether).isEqualTo(new AssetToken("ETH", null, 18));
        assertThat(ether.isNative()).isTrue();
    }

    @Test
    void a_checksummed_address_is_read_in_lower_case_and_a_spec_reads_back_to_itself() {
        AssetToken usdc = AssetToken.parse("USDC=" + USDC_CHECKSUMMED + ":6");

        assertThat(usdc.token()).isEqualTo(USDC_LOWER);
        assertThat(AssetToken.parse(usdc.spec())).isEqualTo(usdc);
        assertThat(AssetToken.parse("ETH=native").spec()).isEqualTo("ETH=native");
    }

    @Test
    void a_mixed_case_address_with_a_wrong_checksum_is_refused() {
        String mistyped = USDC_CHECKSUMMED.replace("0xA0b8", "0xa0B8");

        assertThatThrownBy(() -> AssetToken.parse("USDC=" + mistyped + ":6"))
                .hasMessage("token address fails its EIP-55 checksum: " + mistyped);
    }

    @Test
    void specs_of_the_wrong_shape_are_refused_with_the_expected_shape() {
        for (String spec : new String[] {"USDC", "USDC=" + USDC_LOWER, "USDC=" + USDC_LOWER + ":six", "USDC=" + USDC_LOWER + ":"}) {
            assertThatThrownBy(() -> AssetToken.parse(spec)).as(spec)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an asset token is ASSET=0xTOKEN:DECIMALS or ASSET=native: " + spec);
        }
        assertThatThrownBy(() -> AssetToken.parse("USDC=" + "0".repeat(100)))
                .hasMessage("an asset token is ASSET=0xTOKEN:DECIMALS or ASSET=native of at most 100 characters");
    }

    @Test
    void each_part_is_checked_with_its_own_message() {
        assertThatThrownBy(() -> AssetToken.parse("usdc=" + USDC_LOWER + ":6"))
                .hasMessage("asset code must be 2-12 upper-case letters or digits: usdc");
        assertThatThrownBy(() -> AssetToken.parse("USDC=0xabc:6")).hasMessage("token must be 0x and 40 hex digits: 0xabc");
        assertThatThrownBy(() -> AssetToken.parse("USDC=" + USDC_LOWER + ":37")).hasMessage("token decimals must be 0-36: 37");
        assertThatThrownBy(() -> AssetToken.parse("USDC=" + USDC_LOWER + ":-1")).hasMessage("token decimals must be 0-36: -1");
    }

    @Test
    void the_native_coin_with_other_decimals_is_refused() {
        assertThatThrownBy(() -> new AssetToken("ETH", null, 9)).hasMessage("the native coin has 18 decimals, not 9");
    }
}
