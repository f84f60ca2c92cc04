package io.auditcover.api;

import io.auditcover.api.Route.Call;
import io.auditcover.api.Route.Reply;
import io.auditcover.engine.Command;
import io.auditcover.engine.SolvencyRuns;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Ratio;
import io.auditcover.pool.Pool;
import io.auditcover.reason.Reason;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.DependencyParameters;
import io.auditcover.solvency.SolvencyPolicy;
import io.auditcover.solvency.SolvencyRecords;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Solvency: everyone reads the last run's figures (per pool against its policy, the book, capital by dependency group);
 * operators set a pool's policy, record what a protocol depends on, and ask for a run, which simulates beside the engine on
 * the published view and is then recorded, so purchases are gated by its figures.
 */
final class SolvencyResources {
    /** The most years one request may simulate: a few seconds on a large book; longer runs belong to the command line. */
    static final int YEARS_MAX_PER_REQUEST = 1_000_000;
    private static final Set<String> KINDS = kinds();
    private final Resources resources;

    SolvencyResources(Resources resources) {
        this.resources = resources;
    }

    private static Set<String> kinds() {
        var names = new TreeSet<String>();
        for (DependencyKind kind : DependencyKind.values()) {
            names.add(kind.name().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(names);
    }

    Reply solvency(Call call) {
        var solvency = call.view().quoteState().solvencyBook();
        return Reply.ok(Views.solvency(call.view().pools().values(), solvency, solvency.assessment()));
    }

    /** solvency_book_empty. The standard scenarios over the book as the view holds it; computed on each call, exact. */
    Reply stress(Call call) {
        try {
            return Reply.ok(Json.object().set("scenarios", Views.stress(SolvencyRuns.stress(call.view().quoteState()), call.view().pools())));
        } catch (SolvencyRuns.Refused refused) {
            throw ApiException.of(io.auditcover.engine.Rejection.of(refused.refusal()));
        }
    }

    Reply poolSolvency(Call call) {
        Pool pool = Resources.pool(call.view(), call.path("poolId"));
        return Reply.ok(Views.poolSolvency(pool, call.view().quoteState().solvencyBook()));
    }

    /** solvency_input_invalid (years or seed out of range, or inputs the model refuses), solvency_book_empty, solvency_run_stale. */
    Reply run(Call call) {
        resources.requireWriter();
        var body = RequestBody.parse(Resources.emptyObjectIfBlank(call.body()), Set.of("years", "seed"));
        int years = body.has("years") ? (int) integer(body, "years", 100, YEARS_MAX_PER_REQUEST) : SolvencyRuns.YEARS_DEFAULT;
        long seed = body.has("seed") ? integer(body, "seed", 0, Long.MAX_VALUE) : 1;
        SolvencyRuns.Result result;
        try {
            result = SolvencyRuns.run(call.view().quoteState(), seed, years, Runtime.getRuntime().availableProcessors(),
                    DependencyParameters.DEFAULTS, done -> {
                    });
        } catch (SolvencyRuns.Refused refused) {
            throw ApiException.of(io.auditcover.engine.Rejection.of(refused.refusal()));
        }
        return resources.submit(call, commandId -> new Command.RecordSolvencyAssessment(commandId, result.assessment()));
    }

    /** A pool's minimum solvency ratio ("1.5") and its dependency caps by kind ({"fork": "0.3"}). */
    Reply setPolicy(Call call) {
        Pool pool = Resources.pool(call.view(), call.path("poolId"));
        var body = RequestBody.parse(call.body(), Set.of("minimum_solvency_ratio", "dependency_caps"));
        Ratio minimum = body.has("minimum_solvency_ratio") ? ratio(body, "minimum_solvency_ratio") : Ratio.ZERO;
        var caps = new EnumMap<DependencyKind, Ratio>(DependencyKind.class);
        if (body.has("dependency_caps")) {
            var capsBody = kindsOnly(() -> body.object("dependency_caps", KINDS));
            for (String kind : KINDS) {
                if (capsBody.has(kind)) {
                    caps.put(DependencyKind.valueOf(kind.toUpperCase(Locale.ROOT)), ratio(capsBody, kind));
                }
            }
        }
        SolvencyPolicy policy;
        try {
            policy = new SolvencyPolicy(minimum, caps);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return resources.submit(call, commandId -> new Command.SetSolvencyPolicy(commandId, pool.id(), policy));
    }

    /** What a protocol depends on, by kind: {"fork": "Compound V2", "oracle": "Chainlink"}. */
    Reply recordDependencies(Call call) {
        String protocolId = call.path("protocolId");
        var body = kindsOnly(() -> RequestBody.parse(call.body(), KINDS));
        var groups = new EnumMap<DependencyKind, String>(DependencyKind.class);
        for (String kind : KINDS) {
            if (body.has(kind)) {
                groups.put(DependencyKind.valueOf(kind.toUpperCase(Locale.ROOT)), body.text(kind, SolvencyRecords.GROUP_LENGTH_MAX));
            }
        }
        if (!Identifiers.isId(protocolId)) {
            throw ApiException.of(io.auditcover.engine.Rejection.of(Reason.PROTOCOL_NOT_FOUND, "protocol does not exist"));
        }
        return resources.submit(call, commandId -> new Command.RecordDependencies(commandId, protocolId, Map.copyOf(groups)));
    }

    /** An object keyed by dependency kind; another key is an unknown kind. */
    private static RequestBody kindsOnly(java.util.function.Supplier<RequestBody> parse) {
        try {
            return parse.get();
        } catch (ApiException e) {
            throw invalid(e.getMessage() + "; the dependency kinds are " + String.join(", ", new TreeSet<>(KINDS)));
        }
    }

    private static long integer(RequestBody body, String name, long min, long max) {
        try {
            return body.integer(name, min, max);
        } catch (ApiException e) {
            throw invalid(name + " must be a whole number from " + min + " to " + max);
        }
    }

    private static Ratio ratio(RequestBody body, String name) {
        try {
            return Resources.ratio(body, name);
        } catch (ApiException e) {
            throw invalid(name + " must be a non-negative decimal, e.g. \"1.5\"");
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.of(io.auditcover.engine.Rejection.of(Reason.SOLVENCY_INPUT_INVALID, message));
    }
}
