package io.auditcover.engine;

import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.solvency.CapitalModel;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.DependencyParameters;
import io.auditcover.solvency.SolvencyAssessment;
import io.auditcover.solvency.SolvencyInputs;
import io.auditcover.solvency.SolvencyRun;
import io.auditcover.solvency.StressResult;
import io.auditcover.solvency.StressScenarios;
import io.auditcover.solvency.StressedBook;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A solvency run over the book as a state view holds it, made off the writer thread (it simulates millions of years) and
 * then recorded by {@link Command.RecordSolvencyAssessment}, so the writer only ever reads its figures. Used on demand by the
 * command line and the API, and on a schedule by {@link Scheduler}'s caller.
 */
public final class SolvencyRuns {
    /** Enough years that the 1-in-200 loss rests on 250 tail years: the SCR's sampling error stays a few per cent. */
    public static final int YEARS_DEFAULT = 50_000;

    private SolvencyRuns() {
    }

    /** A run the book cannot give: no pool or no listing (solvency_book_empty), or inputs the model refuses (solvency_input_invalid). */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.code().wire() + ": " + refusal.message());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** The run and its record. */
    public record Result(SolvencyRun run, SolvencyAssessment assessment) {
        /** The command that records it; its id is the run's, so asking twice records it once. */
        public Command.RecordSolvencyAssessment command() {
            return new Command.RecordSolvencyAssessment("solvency/" + assessment.runId(), assessment);
        }
    }

    /** Runs {@code years} from {@code seed} over {@code view} (a quote state: read-only, shared with the writer's persistent maps). */
    public static Result run(State view, long seed, int years, int threads, Map<DependencyKind, DependencyParameters> dependencies,
            IntConsumer progress) {
        var inputs = SolvencyInputs.of(view.pools, view.covers, view.pricing, view.evidence, view.claims, view.solvency,
                view.time);
        if (inputs.isEmpty()) {
            throw new Refused(Refusal.of(Reason.SOLVENCY_BOOK_EMPTY, "there is no book to assess: no pool lists a protocol"));
        }
        CapitalModel model;
        try {
            model = new CapitalModel(inputs.exposures(), inputs.pools(), dependencies);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refusal.of(Reason.SOLVENCY_INPUT_INVALID, e.getMessage()));
        }
        if (years < 100 || years > CapitalModel.YEARS_MAX) {
            throw new Refused(Refusal.of(Reason.SOLVENCY_INPUT_INVALID, "a run simulates 100 to " + CapitalModel.YEARS_MAX + " years"));
        }
        SolvencyRun run = model.run(years, seed, Math.max(1, threads), progress);
        // Named by the book's time and its year loss table: a later run of an unchanged book is still a new record.
        String runId = "run-" + view.time.getEpochSecond() + "-" + run.yearLossTableDigest().substring(0, 12);
        return new Result(run, SolvencyAssessment.of(runId, view.time, inputs.coverIdThrough(), run));
    }

    /**
     * The standard stress scenarios over the book as {@code view} holds it (each kind's largest dependency group fails, the
     * largest protocol is exploited, the largest fork family and its oracle together): each pool's loss and whether it survives.
     */
    public static List<StressResult> stress(State view) {
        var inputs = SolvencyInputs.of(view.pools, view.covers, view.pricing, view.evidence, view.claims, view.solvency, view.time);
        if (inputs.isEmpty()) {
            throw new Refused(Refusal.of(Reason.SOLVENCY_BOOK_EMPTY, "there is no book to stress: no pool lists a protocol"));
        }
        return new StressedBook(inputs.exposures(), inputs.pools()).apply(StressScenarios.standard(inputs.exposures()));
    }

    /** With the default correlations and no progress. */
    public static Result run(State view, long seed, int years, int threads) {
        return run(view, seed, years, threads, DependencyParameters.DEFAULTS, done -> {
        });
    }
}
