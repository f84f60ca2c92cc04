package io.auditcover.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytecodeTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void the_metadata_tail_named_by_the_last_two_bytes_is_cut() {
        byte[] code = HEX.parseHex("6080aabbcc0003");
        assertThat(HEX.formatHex(Bytecode.withoutMetadata(code))).isEqualTo("6080");
    }

    @Test
    void code_whose_last_two_bytes_name_more_than_it_holds_is_kept_whole() {
        byte[] code = HEX.parseHex("6080ffff");
        assertThat(Bytecode.withoutMetadata(code)).isEqualTo(code);
    }

    @Test
    void immutables_are_zeroed_before_the_tail_is_cut() {
        byte[] deployed = HEX.parseHex("60801111116000aa0001");
        byte[] normalized = Bytecode.normalized(deployed, deployed.length, List.of(new ImmutableRange(2, 3)));
        assertThat(HEX.formatHex(normalized)).isEqualTo("60800000006000");
        assertThat(deployed[2]).isEqualTo((byte) 0x11);
    }

    @Test
    void code_of_another_length_is_not_this_artifact() {
        assertThat(Bytecode.normalized(HEX.parseHex("6080"), 3, List.of())).isNull();
    }

    @Test
    void an_immutable_range_past_the_code_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CompiledArtifact("Vault", 10,
                List.of(new ImmutableRange(5, 32)), "0x" + "1".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }
}
