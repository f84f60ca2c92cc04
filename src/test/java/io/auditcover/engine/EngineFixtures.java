package io.auditcover.engine;

import io.auditcover.money.Asset;
import io.auditcover.store.EventLog;
import io.auditcover.store.SqliteEventLog;
import java.nio.file.Path;
import java.time.Instant;

/** Named fixtures shared by the engine's tests. */
final class EngineFixtures {
    static final Asset USDC = new Asset("USDC", 6);
    static final Asset ETH = new Asset("ETH", 9);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** The deployment the engine's tests sign statements for, and another one whose signatures must not count there. */
    static final String DEPLOYMENT = "0x" + "d1".repeat(32);
    static final String OTHER_DEPLOYMENT = "0x" + "d2".repeat(32);

    /** The chain adapter's signature recovery, as production wires it. */
    static final SignatureRecovery SIGNATURES = new io.auditcover.chain.Web3SignatureRecovery();

    private EngineFixtures() {
    }

    static EventLog log(Path directory) {
        return SqliteEventLog.open(directory);
    }
}
