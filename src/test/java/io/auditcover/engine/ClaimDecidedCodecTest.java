package io.auditcover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.ClaimDecided;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written writer of a decided claim gives exactly the generic record encoding, so the two can never disagree. */
class ClaimDecidedCodecTest {
    @Test
    void a_decided_claim_is_written_as_the_generic_record_codec_writes_it_and_reads_back_equal() {
        var generic = new BinaryCodec.RecordCodec(ClaimDecided.class);
        generic.resolve(BinaryCodec.of(Event.class), "ClaimDecided");
        var fast = new BinaryCodec.ClaimDecidedCodec();
        fast.resolve(BinaryCodec.of(Event.class), "ClaimDecided");
        for (ClaimDecided claim : List.of(new ClaimDecided(1, 7, "approved", 500_000_000, 400_000_000, 1_000_000_000),
                new ClaimDecided(Long.MAX_VALUE, 0, "incident_rejected", 0, 0, -1), new ClaimDecided(3, 4, null, -5, 6, 7))) {
            var expected = new BinaryWriter();
            generic.write(expected, claim);
            var written = new BinaryWriter();
            fast.write(written, claim);
            assertThat(written.toByteArray()).isEqualTo(expected.toByteArray());
            assertThat(generic.read(new BinaryReader(written.toByteArray(), 0, "ClaimDecided"))).isEqualTo(claim);
        }
        var nothing = new BinaryWriter();
        fast.write(nothing, null);
        var genericNothing = new BinaryWriter();
        generic.write(genericNothing, null);
        assertThat(nothing.toByteArray()).isEqualTo(genericNothing.toByteArray());
    }
}
