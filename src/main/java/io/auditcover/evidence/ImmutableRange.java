package io.auditcover.evidence;

/** A byte range of runtime code that the constructor fills in (a Solidity immutable): start offset and length in bytes. */
public record ImmutableRange(int start, int length) {
    public ImmutableRange {
        if (start < 0 || length <= 0 || length > Bytecode.IMMUTABLE_LENGTH_MAX) {
            throw new IllegalArgumentException("immutable range must start at 0 or later and be 1-"
                    + Bytecode.IMMUTABLE_LENGTH_MAX + " bytes: " + start + "+" + length);
        }
    }

    public int end() {
        return start + length;
    }
}
