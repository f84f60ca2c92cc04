package io.auditcover.claims;

import io.auditcover.evidence.Identifiers;

/** One depositor of a protocol-bought cover: its wallet and its position read around the incident (what it held and lost). */
public record DepositorLoss(String wallet, LossEvidence evidence) {
    public DepositorLoss {
        if (!Identifiers.isAddress(wallet) || evidence == null || !evidence.wellFormed() || !evidence.ofPosition()) {
            throw new IllegalArgumentException("a depositor is a wallet address with well-formed evidence of its position");
        }
    }

    /** For people: the wallet, what it lost and each number it came from with its block. */
    public String describe() {
        return wallet + " lost " + evidence.provenLoss() + ": " + evidence.balanceBefore() + read(evidence.readingBefore()) + " at block "
                + evidence.beforeBlock() + ", " + evidence.balanceAfter() + read(evidence.readingAfter()) + " at block " + evidence.afterBlock()
                + ", withdrew " + evidence.withdrawn();
    }

    private static String read(PositionReading reading) {
        return reading == null ? "" : " (" + reading.describe() + ")";
    }
}
