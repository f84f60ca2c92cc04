package io.auditcover.cli;

import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.Identifiers;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A deployment's id at the edge: given with {@code --deployment-id} or drawn here (the engine never draws randomness), and
 * recorded once in the log, whose state then signs it into every statement's domain.
 */
final class DeploymentIdentity {
    static final int ID_BYTES = 32;
    static final String COMMAND_ID = "identify-deployment";

    private DeploymentIdentity() {
    }

    /** 32 fresh random bytes as 0x and 64 lower-case hex digits. */
    static String draw() {
        byte[] bytes = new byte[ID_BYTES];
        new SecureRandom().nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /** The requested id, checked, or a fresh one when none was requested. */
    static String requestedOrDrawn(String requested) {
        if (requested == null) {
            return draw();
        }
        if (!Identifiers.isDeploymentId(requested)) {
            throw new IllegalArgumentException("--deployment-id must be 0x and 64 lower-case hex digits");
        }
        return requested;
    }

    /**
     * Identifies the engine's deployment when its log has no id yet (with {@code requested}, or a drawn id); returns the id the
     * log holds. A requested id other than the one the log already holds is refused: a log names one deployment for good.
     */
    static String ensure(Engine engine, String requested) {
        String held = engine.read(state -> state.deploymentId()).join();
        if (held != null) {
            if (requested != null && !requested.equals(held)) {
                throw new IllegalArgumentException("this log is deployment " + held + ", not " + requested);
            }
            return held;
        }
        String id = requestedOrDrawn(requested);
        Outcome outcome = engine.submit(new Command.IdentifyDeployment(COMMAND_ID, id)).join();
        if (outcome instanceof Outcome.Rejected rejected) {
            throw new IllegalStateException("the deployment could not be identified: " + rejected.rejection().message());
        }
        return id;
    }
}
