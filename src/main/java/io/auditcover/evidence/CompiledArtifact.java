package io.auditcover.evidence;

import java.util.Comparator;
import java.util.List;

/**
 * Audited code given as compiler output rather than as a deployed hash: the runtime code's length, the
 * ranges its immutables occupy, and the hash of the normalized code (immutables zeroed, metadata tail
 * stripped; see {@link Bytecode}). Any deployment of the same source, whatever its constructor arguments,
 * normalizes to the same hash.
 */
public record CompiledArtifact(String name, int codeLength, List<ImmutableRange> immutables, String normalizedCodeHash) {
    public static final int IMMUTABLES_MAX = 256;

    public CompiledArtifact {
        if (!Identifiers.isName(name)) {
            throw new IllegalArgumentException("artifact name must be 1-" + Identifiers.NAME_LENGTH_MAX + " characters");
        }
        if (codeLength <= 0 || codeLength > Bytecode.CODE_BYTES_MAX) {
            throw new IllegalArgumentException("runtime code must be 1-" + Bytecode.CODE_BYTES_MAX + " bytes: " + codeLength);
        }
        if (immutables.size() > IMMUTABLES_MAX) {
            throw new IllegalArgumentException("an artifact lists at most " + IMMUTABLES_MAX + " immutable ranges");
        }
        for (ImmutableRange range : immutables) {
            if (range.end() > codeLength) {
                throw new IllegalArgumentException("immutable range " + range + " runs past the code's " + codeLength + " bytes");
            }
        }
        if (!Identifiers.isHash(normalizedCodeHash)) {
            throw new IllegalArgumentException("normalized code hash must be 0x and 64 lower-case hex digits: " + normalizedCodeHash);
        }
        immutables = immutables.stream().sorted(Comparator.comparingInt(ImmutableRange::start)).toList();
    }
}
