package io.auditcover.claims;

import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * The claims book: the oracles that confirm incidents, every reported incident, the claim terms of listings and those frozen
 * into covers, each pool's reinsurance, the assessors and their rules, and every claim from filing to decision. An incident's
 * filed claims are indexed so that settling one reads only its own. Its changes are the engine's apply of claim events, on the
 * writer thread.
 */
public final class ClaimBook {
    private AttestationRules attestationRules;
    private TreePMap<String, IncidentCase> incidents = TreePMap.empty();
    private TreePMap<String, ClaimTerms> listingClaimTerms = TreePMap.empty();
    private final TreeMap<Long, ClaimTerms> coverClaimTerms = new TreeMap<>();
    private TreePMap<String, ExcessOfLoss> reinsurance = TreePMap.empty();
    /** Each priced layer's treaty years, by pool; a free layer has none. */
    private TreePMap<String, ReinsuranceTreaty> treaties = TreePMap.empty();
    private final TreeMap<String, Assessor> assessors = new TreeMap<>();
    private AssessmentRules assessmentRules = AssessmentRules.STANDARD;
    private final TreeMap<String, ListingAssessors> listingAssessors = new TreeMap<>();
    private final TreeSet<String> removedAssessors = new TreeSet<>();
    private final TreeMap<Long, List<Appeal>> appeals = new TreeMap<>();
    private final TreeMap<String, io.auditcover.money.Money> stakes = new TreeMap<>();
    private final TreeMap<Long, Slash> slashes = new TreeMap<>();
    /** Each assessor's pending request to take back stake. */
    private final TreeMap<String, StakeWithdrawal> stakeWithdrawals = new TreeMap<>();
    private final TreeMap<Long, FiledClaim> filedClaims = new TreeMap<>();
    private final TreeMap<Long, Assessment> assessments = new TreeMap<>();
    private final TreeMap<Long, DecidedClaim> decidedClaims = new TreeMap<>();
    private long lastClaimId;
    /** Every declared reimbursement, in declaration order. */
    private final List<Reimbursement> reimbursements = new ArrayList<>();
    /** Derived, rebuilt on restore and never hashed: each incident's reimbursements, in declaration order. */
    private final TreeMap<String, List<Reimbursement>> reimbursementsByIncident = new TreeMap<>();
    /** Each distinct set of terms once: most covers of a listing freeze the same terms, so they share one instance. */
    private final java.util.HashMap<ClaimTerms, ClaimTerms> distinctTerms = new java.util.HashMap<>();
    /** Derived, rebuilt on restore and never hashed. */
    private final TreeMap<String, TreeSet<Long>> filedClaimIdsByIncident = new TreeMap<>();
    private TreePMap<String, TreePSet<String>> incidentIdsByProtocol = TreePMap.empty();
    private final TreeMap<String, TreeSet<String>> incidentIdsByPool = new TreeMap<>();
    private final TreeMap<Long, TreeSet<Long>> filedClaimIdsByCover = new TreeMap<>();
    /** Every recovery of funds after an incident's claims were paid, by id. */
    private final TreeMap<Long, Recovery> recoveries = new TreeMap<>();
    /** Per pool, the incidents whose unpaid claims an operator acknowledged in reopening the pool. */
    private TreePMap<String, TreePSet<String>> reopenedShortfalls = TreePMap.empty();
    /** Derived, rebuilt on restore and never hashed: per pool, per incident, the units its decided claims still owe. */
    private TreePMap<String, TreePMap<String, Long>> owedByPool = TreePMap.empty();
    /** Derived, rebuilt on restore and never hashed: per incident, its decided claims that still owe, in any pool. */
    private final TreeMap<String, TreeSet<Long>> owingClaimIdsByIncident = new TreeMap<>();
    /** Derived, rebuilt on restore and never hashed: per incident, its recoveries' ids. */
    private final TreeMap<String, TreeSet<Long>> recoveryIdsByIncident = new TreeMap<>();

    /** The book as a snapshot stored it; the rules and maps may be absent in a snapshot from before they existed. */
    public static ClaimBook restore(AttestationRules attestationRules, Collection<IncidentCase> incidents,
            NavigableMap<String, ClaimTerms> listingClaimTerms, NavigableMap<Long, ClaimTerms> coverClaimTerms,
            NavigableMap<String, ExcessOfLoss> reinsurance, Collection<Assessor> assessors, AssessmentRules assessmentRules,
            Collection<FiledClaim> filedClaims, Collection<Assessment> assessments, Collection<DecidedClaim> decidedClaims, long lastClaimId,
            Collection<Reimbursement> reimbursements, Collection<ReinsuranceTreaty> treaties,
            Collection<Recovery> recoveries, NavigableMap<String, ? extends Collection<String>> reopenedShortfalls) {
        var book = new ClaimBook();
        book.attestationRules = attestationRules;
        incidents.forEach(book::reported);
        book.listingClaimTerms = TreePMap.from(listingClaimTerms);
        coverClaimTerms.forEach(book::freezeTerms);
        book.reinsurance = TreePMap.from(reinsurance);
        assessors.forEach(a -> book.assessors.put(a.assessor(), a));
        if (assessmentRules != null) {
            book.assessmentRules = assessmentRules;
        }
        filedClaims.forEach(book::indexFiled);
        assessments.forEach(a -> book.assessments.put(a.claimId(), a));
        decidedClaims.forEach(book::indexDecided);
        book.lastClaimId = lastClaimId;
        reimbursements.forEach(book::reimbursed);
        treaties.forEach(book::setTreaty);
        recoveries.forEach(book::indexRecovery);
        reopenedShortfalls.forEach((poolId, incidentIds) -> book.reopenedShortfalls = book.reopenedShortfalls.plus(poolId,
                TreePSet.from(incidentIds)));
        return book;
    }

    /** Adds the assessor records a snapshot stored beside the book (none in a snapshot from before they existed). */
    public void restoreAssessorRecords(AssessorRecords records) {
        if (records == null) {
            return;
        }
        records.listings().forEach(this::setListingAssessors);
        removedAssessors.addAll(records.removed());
        records.appeals().forEach(this::appealed);
        stakes.putAll(records.stakes());
        records.slashes().forEach(slash -> slashes.put(slash.slashId(), slash));
        records.stakeWithdrawals().forEach(this::stakeWithdrawalRequested);
    }

    /** The assessor records as a snapshot stores them; null while there are none, so older states keep their hash. */
    public AssessorRecords assessorRecords() {
        var records = new AssessorRecords(List.copyOf(listingAssessors.values()), removedAssessors,
                appeals.values().stream().flatMap(List::stream).toList(), stakes, List.copyOf(slashes.values()),
                List.copyOf(stakeWithdrawals.values()));
        return records.isEmpty() ? null : records;
    }

    /** What a quote reads of the book (the incidents, to refuse cover while one is open), for readers on other threads: the
     * maps are persistent, so this shares them and never changes. */
    public ClaimBook forQuotes() {
        var view = new ClaimBook();
        view.incidents = incidents;
        view.incidentIdsByProtocol = incidentIdsByProtocol;
        // what a solvency run reads beside the quote: persistent, so shared as they are
        view.listingClaimTerms = listingClaimTerms;
        view.reinsurance = reinsurance;
        view.treaties = treaties;
        // whether a pool is spent: persistent, so shared as they are
        view.owedByPool = owedByPool;
        view.reopenedShortfalls = reopenedShortfalls;
        return view;
    }

    private void indexFiled(FiledClaim filed) {
        filedClaims.put(filed.claimId(), filed);
        filedClaimIdsByIncident.computeIfAbsent(filed.incidentId(), k -> new TreeSet<>()).add(filed.claimId());
        filedClaimIdsByCover.computeIfAbsent(filed.coverId(), k -> new TreeSet<>()).add(filed.claimId());
    }

    private void indexDecided(DecidedClaim decided) {
        DecidedClaim before = decidedClaims.put(decided.claimId(), decided);
        long owedBefore = before == null ? 0 : before.unpaid().units();
        long owed = decided.unpaid().units();
        if (owed == owedBefore) {
            return;
        }
        TreePMap<String, Long> byIncident = owedByPool.getOrDefault(decided.poolId(), TreePMap.empty());
        long incidentOwed = byIncident.getOrDefault(decided.incidentId(), 0L) - owedBefore + owed;
        byIncident = incidentOwed == 0 ? byIncident.minus(decided.incidentId()) : byIncident.plus(decided.incidentId(), incidentOwed);
        owedByPool = byIncident.isEmpty() ? owedByPool.minus(decided.poolId()) : owedByPool.plus(decided.poolId(), byIncident);
        var owing = owingClaimIdsByIncident.computeIfAbsent(decided.incidentId(), k -> new TreeSet<>());
        if (owed > 0) {
            owing.add(decided.claimId());
        } else {
            owing.remove(decided.claimId());
        }
        if (owing.isEmpty()) {
            owingClaimIdsByIncident.remove(decided.incidentId());
        }
    }

    private void indexRecovery(Recovery recovery) {
        recoveries.put(recovery.id(), recovery);
        recoveryIdsByIncident.computeIfAbsent(recovery.incidentId(), k -> new TreeSet<>()).add(recovery.id());
    }

    // Reading.

    /** Every recovery, by id. */
    public NavigableMap<Long, Recovery> recoveries() {
        return Collections.unmodifiableNavigableMap(recoveries);
    }

    /** The incident's recoveries, in the order they were recorded. */
    public List<Recovery> recoveriesOn(String incidentId) {
        var ids = recoveryIdsByIncident.get(incidentId);
        return ids == null ? List.of() : ids.stream().map(recoveries::get).toList();
    }

    /** Per pool, the incidents whose unpaid claims an operator acknowledged in reopening it. */
    public NavigableMap<String, ? extends java.util.SortedSet<String>> reopenedShortfalls() {
        return reopenedShortfalls;
    }

    /** Per incident, the units the pool's decided claims of it still owe (its shortfalls not paid yet); empty when none. */
    public NavigableMap<String, Long> owedBy(String poolId) {
        return owedByPool.getOrDefault(poolId, TreePMap.empty());
    }

    /** Whether the pool owes claims of an incident it was not reopened after: it is spent. */
    public boolean spent(String poolId) {
        var acknowledged = reopenedShortfalls.getOrDefault(poolId, TreePSet.empty());
        return !acknowledged.containsAll(owedBy(poolId).keySet());
    }

    /** The incident's decided claims that still owe, in any pool, by claim id. */
    public List<DecidedClaim> owingClaimsOn(String incidentId) {
        var ids = owingClaimIdsByIncident.get(incidentId);
        return ids == null ? List.of() : ids.stream().map(decidedClaims::get).toList();
    }

    /** The oracles that confirm incidents now; null until configured. */
    public AttestationRules attestationRules() {
        return attestationRules;
    }

    public NavigableMap<String, IncidentCase> incidents() {
        return incidents;
    }

    /** The incident, or null. */
    public IncidentCase incident(String incidentId) {
        return incidents.get(incidentId);
    }

    /** Each listing's claim terms for new covers, keyed like listings; absent: {@link ClaimTerms#defaultTerms}. */
    public NavigableMap<String, ClaimTerms> listingClaimTerms() {
        return listingClaimTerms;
    }

    /** The claim terms frozen into each cover at purchase, by cover id (absent: the defaults of its asset). */
    public NavigableMap<Long, ClaimTerms> coverClaimTerms() {
        return Collections.unmodifiableNavigableMap(coverClaimTerms);
    }

    /** Each pool's excess-of-loss layer. */
    public NavigableMap<String, ExcessOfLoss> reinsurance() {
        return reinsurance;
    }

    /** Each priced layer's treaty, by pool. */
    public NavigableMap<String, ReinsuranceTreaty> treaties() {
        return treaties;
    }

    public NavigableMap<String, Assessor> assessors() {
        return Collections.unmodifiableNavigableMap(assessors);
    }

    public AssessmentRules assessmentRules() {
        return assessmentRules;
    }

    /** Each listing's group or delegate, keyed like listings; absent: every registered assessor. */
    public NavigableMap<String, ListingAssessors> listingAssessors() {
        return Collections.unmodifiableNavigableMap(listingAssessors);
    }

    /** Assessors removed from the panels and not registered again since. */
    public NavigableSet<String> removedAssessors() {
        return Collections.unmodifiableNavigableSet(removedAssessors);
    }

    /** Each appealed claim's appeals, in order. */
    public List<Appeal> appealsOf(long claimId) {
        var of = appeals.get(claimId);
        return of == null ? List.of() : Collections.unmodifiableList(of);
    }

    /** What each assessor has staked now (a held slash is no longer part of it). */
    public NavigableMap<String, io.auditcover.money.Money> stakes() {
        return Collections.unmodifiableNavigableMap(stakes);
    }

    /** Each assessor's pending request to take back stake, by assessor. */
    public NavigableMap<String, StakeWithdrawal> stakeWithdrawals() {
        return Collections.unmodifiableNavigableMap(stakeWithdrawals);
    }

    /** Every slash, by id. */
    public NavigableMap<Long, Slash> slashes() {
        return Collections.unmodifiableNavigableMap(slashes);
    }

    /** Indemnity claims as filed, with the rules' decision at filing. */
    public NavigableMap<Long, FiledClaim> filedClaims() {
        return Collections.unmodifiableNavigableMap(filedClaims);
    }

    /** Each assessed claim's vote as it stands, by claim id. */
    public NavigableMap<Long, Assessment> assessments() {
        return Collections.unmodifiableNavigableMap(assessments);
    }

    /** Every claim a settlement decided, by claim id. */
    public NavigableMap<Long, DecidedClaim> decidedClaims() {
        return Collections.unmodifiableNavigableMap(decidedClaims);
    }

    public long lastClaimId() {
        return lastClaimId;
    }

    /** The indemnity claims filed on the incident, by claim id. */
    public List<FiledClaim> filedClaimsOn(String incidentId) {
        var ids = filedClaimIdsByIncident.get(incidentId);
        return ids == null ? List.of() : ids.stream().map(filedClaims::get).toList();
    }

    /** Every declared reimbursement, in declaration order. */
    public List<Reimbursement> reimbursements() {
        return Collections.unmodifiableList(reimbursements);
    }

    /** The reimbursements declared for the incident, on any cover, in declaration order. */
    public List<Reimbursement> reimbursementsOn(String incidentId) {
        var declared = reimbursementsByIncident.get(incidentId);
        return declared == null ? List.of() : Collections.unmodifiableList(declared);
    }

    /** The incidents reported on the protocol, by id. */
    public List<IncidentCase> incidentsOn(String protocolId) {
        var ids = incidentIdsByProtocol.get(protocolId);
        return ids == null ? List.of() : ids.stream().map(incidents::get).toList();
    }

    /** The incidents the pool bears (it had cover running when each occurred), by id. */
    public List<IncidentCase> incidentsBorneBy(String poolId) {
        var ids = incidentIdsByPool.get(poolId);
        return ids == null ? List.of() : ids.stream().map(incidents::get).toList();
    }

    /**
     * The claims filed on the cover that a settlement decided, by claim id: every decided claim of an indemnity cover (only
     * indemnity covers file, and they are decided only as filed; a parametric cover's claims are the settlement's own).
     */
    public List<DecidedClaim> decidedFiledClaimsOn(long coverId) {
        var ids = filedClaimIdsByCover.get(coverId);
        return ids == null ? List.of() : ids.stream().map(decidedClaims::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Every claim id, filed or decided, in order. */
    public NavigableSet<Long> claimIds() {
        var ids = new TreeSet<>(decidedClaims.keySet());
        ids.addAll(filedClaims.keySet());
        return Collections.unmodifiableNavigableSet(ids);
    }

    /** The claim with this id where it now stands; null for an unknown id. {@code holderOfCover} names a parametric claim's holder. */
    public Claim claim(long claimId, LongFunction<String> holderOfCover) {
        FiledClaim filed = filedClaims.get(claimId);
        DecidedClaim decided = decidedClaims.get(claimId);
        if (decided != null) {
            return Claim.decided(decided, filed, assessments.get(claimId),
                    filed != null ? filed.holder() : holderOfCover.apply(decided.coverId()), appealsOf(claimId));
        }
        return filed == null ? null : Claim.filed(filed, assessments.get(claimId), appealsOf(claimId));
    }

    /** The index agrees with the filed claims it derives from (an invariant). */
    public boolean indexAgrees() {
        var expected = new TreeMap<String, TreeSet<Long>>();
        filedClaims.values().forEach(c -> expected.computeIfAbsent(c.incidentId(), k -> new TreeSet<>()).add(c.claimId()));
        var byProtocol = new TreeMap<String, TreeSet<String>>();
        var byPool = new TreeMap<String, TreeSet<String>>();
        incidents.values().forEach(i -> {
            byProtocol.computeIfAbsent(i.incident().protocolId(), k -> new TreeSet<>()).add(i.incident().id());
            i.affectedPools().forEach(pool -> byPool.computeIfAbsent(pool, k -> new TreeSet<>()).add(i.incident().id()));
        });
        var byCover = new TreeMap<Long, TreeSet<Long>>();
        filedClaims.values().forEach(c -> byCover.computeIfAbsent(c.coverId(), k -> new TreeSet<>()).add(c.claimId()));
        var byIncident = new TreeMap<String, List<Reimbursement>>();
        reimbursements.forEach(r -> byIncident.computeIfAbsent(r.incidentId(), k -> new ArrayList<>()).add(r));
        var owed = new TreeMap<String, TreeMap<String, Long>>();
        var owing = new TreeMap<String, TreeSet<Long>>();
        decidedClaims.values().stream().filter(c -> c.unpaid().isPositive()).forEach(c -> {
            owed.computeIfAbsent(c.poolId(), k -> new TreeMap<>()).merge(c.incidentId(), c.unpaid().units(), Math::addExact);
            owing.computeIfAbsent(c.incidentId(), k -> new TreeSet<>()).add(c.claimId());
        });
        var owedIndexed = new TreeMap<String, TreeMap<String, Long>>();
        owedByPool.forEach((pool, owedOfPool) -> owedIndexed.put(pool, new TreeMap<>(owedOfPool)));
        var byRecoveredIncident = new TreeMap<String, TreeSet<Long>>();
        recoveries.values().forEach(r -> byRecoveredIncident.computeIfAbsent(r.incidentId(), k -> new TreeSet<>()).add(r.id()));
        return owed.equals(owedIndexed) && owing.equals(owingClaimIdsByIncident) && byRecoveredIncident.equals(recoveryIdsByIncident)
                && expected.equals(filedClaimIdsByIncident) && byIncident.equals(reimbursementsByIncident) && byProtocol.equals(new TreeMap<>(incidentIdsByProtocol)) && byPool.equals(incidentIdsByPool)
                && byCover.equals(filedClaimIdsByCover);
    }

    // Applying events.

    public void configureAttestation(AttestationRules rules) {
        attestationRules = rules;
    }

    public void reported(IncidentCase incident) {
        String id = incident.incident().id();
        incidents = incidents.plus(id, incident);
        String protocolId = incident.incident().protocolId();
        incidentIdsByProtocol = incidentIdsByProtocol.plus(protocolId, incidentIdsByProtocol.getOrDefault(protocolId, TreePSet.empty()).plus(id));
        incident.affectedPools().forEach(pool -> incidentIdsByPool.computeIfAbsent(pool, k -> new TreeSet<>()).add(id));
    }

    /** {@code signer} confirmed ({@code confirms}) or disputed the incident at {@code at}. */
    public void attested(String incidentId, String signer, boolean confirms, Instant at) {
        IncidentCase incidentCase = incidents.get(incidentId);
        Attestations before = incidentCase.attestations();
        Attestations after = confirms ? before.attest(signer, at) : before.dispute(signer, at);
        incidents = incidents.plus(incidentId, incidentCase.with(after));
    }

    public void setListingTerms(String listingKey, ClaimTerms terms) {
        listingClaimTerms = listingClaimTerms.plus(listingKey, terms);
    }

    public void freezeTerms(long coverId, ClaimTerms terms) {
        coverClaimTerms.put(coverId, distinctTerms.computeIfAbsent(terms, t -> t));
    }

    /** Sets the pool's layer; null removes it. A priced layer starts its treaty at {@code inception}; any other has none. */
    public void setReinsurance(String poolId, ExcessOfLoss layer, java.time.Instant inception) {
        if (layer == null) {
            reinsurance = reinsurance.minus(poolId);
        } else {
            reinsurance = reinsurance.plus(poolId, layer);
        }
        if (layer != null && layer.isTreaty()) {
            treaties = treaties.plus(poolId, ReinsuranceTreaty.incepted(poolId, inception));
        } else {
            treaties = treaties.minus(poolId);
        }
    }

    /** A treaty's new standing, after a settlement or as time advanced. */
    public void setTreaty(ReinsuranceTreaty treaty) {
        treaties = treaties.plus(treaty.poolId(), treaty);
    }

    public void register(Assessor assessor) {
        assessors.put(assessor.assessor(), assessor);
        removedAssessors.remove(assessor.assessor());
    }

    public void setListingAssessors(ListingAssessors named) {
        String key = io.auditcover.pool.Listing.key(named.poolId(), named.protocolId());
        if (named.general()) {
            listingAssessors.remove(key);
        } else {
            listingAssessors.put(key, named);
        }
    }

    /** The assessor leaves the panels: no longer registered, and its seat is taken on each listed claim's open assessment. */
    public void removeAssessor(String assessor, List<Long> claimIds) {
        assessors.remove(assessor);
        removedAssessors.add(assessor);
        for (long claimId : claimIds) {
            assessments.put(claimId, assessments.get(claimId).withoutSeat(assessor));
        }
    }

    public void appealed(Appeal appeal) {
        appeals.computeIfAbsent(appeal.claimId(), id -> new ArrayList<>()).add(appeal);
    }

    public void staked(String assessor, io.auditcover.money.Money amount) {
        stakes.merge(assessor, amount, io.auditcover.money.Money::plus);
    }

    /** The assessor asked to take back stake: the request replaces any earlier one. */
    public void stakeWithdrawalRequested(StakeWithdrawal request) {
        if (!stakes.containsKey(request.assessor())) {
            throw new IllegalStateException("assessor " + request.assessor() + " has no stake to withdraw");
        }
        stakeWithdrawals.put(request.assessor(), request);
    }

    /** The assessor's pending request is paid out: {@code amount} leaves its stake. */
    public void stakeWithdrawn(String assessor, io.auditcover.money.Money amount) {
        StakeWithdrawal request = stakeWithdrawals.get(assessor);
        io.auditcover.money.Money stake = stakes.get(assessor);
        if (request == null || !request.amount().equals(amount) || stake == null || amount.exceeds(stake)) {
            throw new IllegalStateException("assessor " + assessor + " asked for no withdrawal of " + amount + " or has less staked");
        }
        stakeWithdrawals.remove(assessor);
        stakes.put(assessor, stake.minus(amount));
    }

    /** The slash is held: it leaves the stake. */
    public void slashed(Slash slash) {
        io.auditcover.money.Money stake = stakes.get(slash.assessor());
        if (stake == null || slash.amount().exceeds(stake) || slashes.containsKey(slash.slashId())) {
            throw new IllegalStateException("slash " + slash.slashId() + " exceeds the stake of " + slash.assessor() + " or exists");
        }
        stakes.put(slash.assessor(), stake.minus(slash.amount()));
        slashes.put(slash.slashId(), slash);
    }

    /** A held slash ends: reversed (back to the stake) or forfeited (to its pool). */
    public Slash slashEnded(long slashId, Slash.Status status) {
        Slash slash = slashes.get(slashId);
        if (slash == null || slash.status() != Slash.Status.HELD || status == Slash.Status.HELD) {
            throw new IllegalStateException("slash " + slashId + " is not held");
        }
        if (status == Slash.Status.REVERSED) {
            stakes.merge(slash.assessor(), slash.amount(), io.auditcover.money.Money::plus);
        }
        Slash ended = slash.with(status);
        slashes.put(slashId, ended);
        return ended;
    }

    public void configureAssessment(AssessmentRules rules) {
        assessmentRules = rules;
    }

    public void filed(FiledClaim filed) {
        if (filed.claimId() != lastClaimId + 1) {
            throw new IllegalStateException("claim id " + filed.claimId() + " does not follow " + lastClaimId);
        }
        lastClaimId = filed.claimId();
        indexFiled(filed);
        if (filed.assessment() != null) {
            assessments.put(filed.claimId(), filed.assessment());
        }
    }

    public void reimbursed(Reimbursement reimbursement) {
        reimbursements.add(reimbursement);
        reimbursementsByIncident.computeIfAbsent(reimbursement.incidentId(), k -> new ArrayList<>()).add(reimbursement);
    }

    public void assessed(long claimId, Assessment assessment) {
        assessments.put(claimId, assessment);
    }

    /** The settlement decided the claim; a parametric claim, never filed, takes the next claim id. */
    public void decided(DecidedClaim decided) {
        FiledClaim filed = filedClaims.get(decided.claimId());
        if (filed != null && (filed.coverId() != decided.coverId() || !filed.incidentId().equals(decided.incidentId()))) {
            throw new IllegalStateException("claim " + decided.claimId() + " was filed on another cover or incident");
        }
        if (filed == null) {
            if (decided.claimId() != lastClaimId + 1) {
                throw new IllegalStateException("claim id " + decided.claimId() + " does not follow " + lastClaimId);
            }
            lastClaimId = decided.claimId();
        }
        indexDecided(decided);
    }

    /** Part of a claim's unpaid amount was paid after its settlement. */
    public void paidLate(long claimId, LatePayment payment) {
        DecidedClaim decided = decidedClaims.get(claimId);
        if (decided == null) {
            throw new IllegalStateException("claim " + claimId + " was never decided and cannot be paid late");
        }
        indexDecided(decided.paidLate(payment));
    }

    /** A recovery of funds for an incident, and each paid claim's part of it. */
    public void recovered(Recovery recovery, List<ClaimRecovery> parts) {
        if (recoveries.containsKey(recovery.id()) || recovery.id() != (recoveries.isEmpty() ? 1 : recoveries.lastKey() + 1)) {
            throw new IllegalStateException("recovery id " + recovery.id() + " does not follow the last");
        }
        for (ClaimRecovery part : parts) {
            DecidedClaim decided = decidedClaims.get(part.claimId());
            if (decided == null || !decided.incidentId().equals(recovery.incidentId())) {
                throw new IllegalStateException("recovery " + recovery.id() + " names claim " + part.claimId() + " not paid on its incident");
            }
            indexDecided(decided.recovered(part));
        }
        indexRecovery(recovery);
    }

    /** The operator reopened the pool: the shortfalls of these incidents no longer keep it spent (they are still owed). */
    public void reopened(String poolId, List<String> incidentIds) {
        reopenedShortfalls = reopenedShortfalls.plus(poolId, reopenedShortfalls.getOrDefault(poolId, TreePSet.empty()).plusAll(incidentIds));
    }

    /** These pools of the incident are settled at {@code at}; with {@code complete}, so is the whole incident. */
    public void settled(String incidentId, List<String> pools, Instant at, boolean complete) {
        IncidentCase incidentCase = incidents.get(incidentId);
        if (incidentCase == null || incidentCase.settledAt() != null || pools.stream().anyMatch(incidentCase::settledFor)) {
            throw new IllegalStateException("incident " + incidentId + " is unknown or already settled for " + pools);
        }
        incidents = incidents.plus(incidentId, incidentCase.settled(pools, at, complete));
    }
}
