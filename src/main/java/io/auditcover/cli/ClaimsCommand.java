package io.auditcover.cli;

import io.auditcover.claims.Assessment;
import io.auditcover.claims.RuleResult;
import io.auditcover.claims.Claim;
import io.auditcover.money.Money;
import io.auditcover.claims.Filings;
import io.auditcover.claims.IncidentCase;
import io.auditcover.claims.DecidedClaim;
import io.auditcover.engine.State;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Claims as the log decided them, and the holder's appeal of a denial. */
@Command(name = "claims", mixinStandardHelpOptions = true, description = "List claims, explain their decisions, appeal a denial.",
        subcommands = {ClaimsCommand.Incidents.class, ClaimsCommand.ListClaims.class, ClaimsCommand.Explain.class,
            ClaimsCommand.Register.class, ClaimsCommand.Appeal.class})
final class ClaimsCommand {

    /** One line per incident: protocol, cause, status at the log's engine time, signatures, and the pools settled. */
    @Command(name = "incidents", mixinStandardHelpOptions = true, description = "List every incident and where it stands.")
    static final class Incidents implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Override
        public Integer call() {
            State state = dataDirectory.rebuildState();
            // Engine time moves only on ticks; a status is read now, as the engine would decide it.
            java.time.Instant now = java.time.Instant.now().isAfter(state.time()) ? java.time.Instant.now() : state.time();
            System.out.printf("%-28s %-12s %-24s %-9s %-8s %-9s %s%n", "incident", "protocol", "cause", "status", "signed", "disputed",
                    "settled");
            for (IncidentCase incident : state.incidents().values()) {
                String settled = incident.settledAt() != null ? "all at " + incident.settledAt()
                        : incident.settledPools().isEmpty() ? "no" : "pools " + String.join(", ", incident.settledPools());
                System.out.printf("%-28s %-12s %-24s %-9s %-8s %-9s %s%n", incident.incident().id(), incident.incident().protocolId(),
                        incident.incident().cause().wire(), incident.statusAt(now).name().toLowerCase(Locale.ROOT),
                        incident.signers().size() + "/" + incident.rules().threshold(), Integer.toString(incident.disputers().size()), settled);
            }
            System.out.printf("%d incidents (status as of %s)%n", state.incidents().size(), now);
            return 0;
        }
    }

    /**
     * One line per claim: its cover, incident, kind, stage, reason code, approved, paid, what a short pool still owes on it, and
     * what recoveries returned for it (to its pool and its holder).
     */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every claim, or those of one incident.")
    static final class ListClaims implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Option(names = "--incident", description = "Only the claims of this incident.")
        String incidentId;

        @Override
        public Integer call() {
            State state = dataDirectory.rebuildState();
            System.out.printf("%6s %6s %-28s %-10s %-13s %-28s %20s %20s %20s %20s%n", "claim", "cover", "incident", "kind", "stage",
                    "reason", "approved", "paid", "unpaid", "recovered");
            int shown = 0;
            for (long id : state.claimIds()) {
                Claim claim = state.claim(id).orElseThrow();
                if (incidentId == null || incidentId.equals(claim.incidentId())) {
                    Money recovered = Money.zero(claim.paid().asset());
                    for (var part : claim.recoveries()) {
                        recovered = recovered.plus(part.total());
                    }
                    System.out.printf("%6d %6d %-28s %-10s %-13s %-28s %20s %20s %20s %20s%n", id, claim.coverId(), claim.incidentId(),
                            claim.claimedLoss() == null ? "parametric" : "indemnity", claim.stage().name().toLowerCase(Locale.ROOT),
                            claim.reasonCode(), claim.approved(), claim.paid(), claim.unpaid(), recovered);
                    shown++;
                }
            }
            System.out.printf("%d claims%n", shown);
            return 0;
        }
    }

    /**
     * The claims register for auditors, rebuilt from the log: every claim with its dates, amounts and reason code, or with
     * {@code --triangle} the loss development triangles; as a table, or with {@code --csv} as RFC 4180 CSV.
     */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Print every claim with its incident, dates (occurred, reported, confirmed, filed, decided, paid), amounts"
                    + " (claimed, proven, approved, paid, deductible, shortfall) and reason code; or, with --triangle, paid by incident"
                    + " month and development month, cumulative.")
    static final class Register implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Option(names = "--csv", description = "RFC 4180 CSV with a header row, for a spreadsheet.")
        boolean csv;

        @Option(names = "--triangle", description = "The loss development triangles instead of the claims.")
        boolean triangle;

        @Override
        public Integer call() {
            State state = dataDirectory.rebuildState();
            var books = state.claimBooks();
            if (triangle) {
                // Valued now: a month in which nothing was paid still counts as a development month.
                java.time.Instant now = java.time.Instant.now().isAfter(state.time()) ? java.time.Instant.now() : state.time();
                var triangles = io.auditcover.claims.ClaimRegister.development(books, now);
                if (csv) {
                    io.auditcover.api.RegisterCsv.triangles(System.out, triangles);
                } else {
                    printTriangles(triangles);
                }
                return 0;
            }
            var entries = io.auditcover.claims.ClaimRegister.all(books);
            if (csv) {
                io.auditcover.api.RegisterCsv.register(System.out, entries);
                return 0;
            }
            System.out.printf("%6s %-28s %-10s %-22s %-20s %-20s %16s %16s %16s%n", "claim", "incident", "trigger", "reason", "occurred", "paid_at",
                    "approved", "paid", "shortfall");
            for (var e : entries) {
                System.out.printf("%6d %-28s %-10s %-22s %-20s %-20s %16s %16s %16s%n", e.claimId(), e.incidentId(),
                        e.trigger().name().toLowerCase(Locale.ROOT), e.reasonCode(), e.occurredAt(), e.paidAt() == null ? "-" : e.paidAt(),
                        e.approved().toDecimalString(), e.paid().toDecimalString(), e.shortfall() == null ? "-" : e.shortfall().toDecimalString());
            }
            System.out.printf("%d claims (--csv for every date and amount)%n", entries.size());
            return 0;
        }

        private static void printTriangles(java.util.List<io.auditcover.claims.ClaimRegister.Triangle> triangles) {
            printTriangles(System.out, "", triangles);
        }

        /** Each asset's triangle, a row per incident month, each line after {@code indent}. */
        static void printTriangles(java.io.PrintStream out, String indent, java.util.List<io.auditcover.claims.ClaimRegister.Triangle> triangles) {
            for (var triangle : triangles) {
                out.printf("%s%s paid, cumulative, by incident month and development month (valued %s)%n", indent, triangle.asset().code(),
                        triangle.valuationMonth());
                for (var row : triangle.rows()) {
                    var line = new StringBuilder(indent).append("%-8s".formatted(row.incidentMonth()));
                    row.cumulativePaid().forEach(paid -> line.append(" %16s".formatted(paid.toDecimalString())));
                    out.println(line);
                }
            }
            if (triangles.isEmpty()) {
                out.println(indent + "no claims");
            }
        }
    }

    /**
     * The claim's appeals, and its assessment as it stands: the outcome is accept, deny or draw (a draw pays nothing and returns
     * the deposit), then each vote with its rationale.
     */
    static void printAssessment(Claim claim) {
        claim.appeals().forEach(appeal -> System.out.printf("appealed at %s to round %d with a bond of %s%n", appeal.appealedAt(),
                appeal.round(), appeal.bond()));
        Assessment assessment = claim.assessment();
        if (assessment == null) {
            return;
        }
        System.out.printf("assessors: round %d, outcome %s (accept %d, deny %d, quorum %d), voting ends %s%n", assessment.round(),
                claim.outcome() == null ? "none, " + claim.reasonCode() : claim.outcome().wire(), assessment.weightFor(true), assessment.weightFor(false), assessment.rules().quorumWeight(),
                assessment.endsAt());
        assessment.votes().forEach((assessor, accept) -> {
            String vote = assessment.removed().contains(assessor) ? "removed" : assessment.undone().contains(assessor) ? "undone"
                    : accept ? "accept" : "deny";
            String rationale = assessment.rationales().get(assessor);
            System.out.printf("   %-42s %-8s %s%n", assessor, vote, rationale == null ? "" : rationale.replaceAll("\\s+", " "));
        });
    }

    /** Every rule's verdict, reason code and facts for one claim, rebuilt from the log. */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Print each claim rule in order with its verdict, reason code and the facts it used.")
    static final class Explain implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(index = "0", paramLabel = "CLAIM_ID", description = "The claim's id (see claims list).")
        long claimId;

        @Override
        public Integer call() {
            State state = dataDirectory.rebuildState();
            var explanation = Filings.explain(state.claimBooks(), claimId);
            if (explanation.isEmpty()) {
                System.err.println("claim " + claimId + " was not decided in this log");
                return 1;
            }
            DecidedClaim claim = explanation.get().claim();
            System.out.printf("claim %d: cover %d, incident %s, pool %s: %s%n", claim.claimId(), claim.coverId(), claim.incidentId(),
                    claim.poolId(), claim.reasonCode());
            System.out.printf("approved %s, paid %s, remaining cover seen %s, decided at %s%n", claim.approved(), claim.paid(),
                    claim.remainingCover(), claim.decidedAt());
            state.claim(claimId).ifPresent(ClaimsCommand::printAssessment);
            int number = 1;
            for (RuleResult result : explanation.get().adjudication().results()) {
                System.out.printf("%d. %-32s %-9s %s%n", number++, result.rule().wire(), result.verdict().name().toLowerCase(Locale.ROOT),
                        result.reasonCode());
                result.facts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .forEach(fact -> System.out.printf("     %s: %s%n", fact.getKey(), fact.getValue()));
            }
            for (var check : explanation.get().scopeChecks()) {
                System.out.printf("scope of %s at block %d: %s, recorded by %s (%s) at %s: %s%n", check.contractKey(), check.block(),
                        check.inScope() ? "in scope of " + check.auditId() : "out of scope (" + check.reason().wire() + ")",
                        check.checkedBy(), check.source(), check.recordedAt(), check.evidence());
            }
            return 0;
        }
    }

    /**
     * The holder's appeal of a denied claim with a bond, as {@code POST /api/claims/{id}/appeal} takes it: the command line acts
     * for the cover's holder, and the bond is in the claim's asset.
     */
    @Command(name = "appeal", mixinStandardHelpOptions = true,
            description = "Appeal a denied claim for its cover's holder, with a bond (at least " + io.auditcover.claims.Panels.APPEAL_BOND_BPS
                    + " bps of the claimed loss): a denial by the rules goes to a first panel of assessors, a first panel's denial to"
                    + " the escalation panel, once. The bond comes back unless the assessors deny the claim.")
    static final class Appeal implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(index = "0", paramLabel = "CLAIM_ID", description = "The claim's id (see claims list).")
        long claimId;

        @Parameters(index = "1", paramLabel = "BOND", description = "A decimal amount in the claim's asset, e.g. 100 or 25.5.")
        String bond;

        @Override
        public Integer call() throws InterruptedException {
            try (var engine = io.auditcover.engine.Engine.start(dataDirectory.openLog(), java.time.Clock.systemUTC(),
                    io.auditcover.engine.Engine.Settings.DEFAULT)) {
                Claim claim = engine.read(state -> state.claim(claimId).orElse(null)).get();
                if (claim == null) {
                    System.err.println("claims: claim " + claimId + " was not filed in this log (claim_not_found)");
                    return 1;
                }
                String holder = engine.read(state -> state.covers().get(claim.coverId()).holder()).get();
                Money amount;
                try {
                    amount = Money.parse(claim.approved().asset(), bond);
                } catch (IllegalArgumentException e) {
                    System.err.println("claims: bad bond: " + e.getMessage());
                    return 1;
                }
                var outcome = engine.submit(new io.auditcover.engine.Command.AppealClaim("cli/claims-appeal/" + java.util.UUID.randomUUID(),
                        holder, claimId, amount)).get();
                return Outcomes.report("claims", outcome, accepted -> {
                    var appealed = (io.auditcover.engine.Event.ClaimAppealed) accepted.event();
                    System.out.printf("claim %d appealed for %s with a bond of %s: round %d, voting ends %s%n", claimId, holder,
                            appealed.appeal().bond(), appealed.appeal().round(), appealed.assessment().endsAt());
                });
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("claims: " + e.getCause().getMessage());
                return 1;
            }
        }
    }
}
