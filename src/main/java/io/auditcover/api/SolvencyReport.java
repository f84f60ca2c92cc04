package io.auditcover.api;

import io.auditcover.engine.State;
import io.auditcover.solvency.SolvencyAssessment;

/** The solvency document as {@code GET /api/solvency} shows it, for the command line's {@code --json}. */
public final class SolvencyReport {
    private SolvencyReport() {
    }

    /** The document of {@code assessment} over the state's pools and policies (the assessment need not be recorded). */
    public static String json(State state, SolvencyAssessment assessment) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Views.solvency(state.pools().values(),
                    state.solvencyBook(), assessment));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
