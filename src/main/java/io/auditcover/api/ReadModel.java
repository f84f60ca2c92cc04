package io.auditcover.api;

import io.auditcover.cover.Cover;
import io.auditcover.claims.Claim;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Event;
import io.auditcover.engine.Quotes;
import io.auditcover.engine.State;
import io.auditcover.ledger.Transfer;
import io.auditcover.store.LogHead;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Keeps the published {@link ReadView}: runs on the engine's writer thread after each batch, copies the
 * small maps the batch touched and updates the growing ones entry by entry. Cost per batch is the size
 * of what changed (plus the pools), never the size of the whole state.
 */
final class ReadModel implements Engine.BatchListener {
    private final ConcurrentSkipListMap<Long, Cover> covers = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Claim> claims = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Transfer> transfers = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, ConcurrentSkipListSet<Long>> coverIdsByHolder = new ConcurrentHashMap<>();
    private final IntConsumer batchSizes;
    private volatile ReadView view;
    /** What a request waiting for a sequence waits on. */
    private final Object published = new Object();

    ReadModel(IntConsumer batchSizes) {
        this.batchSizes = batchSizes;
    }

    /** The latest view; null until the engine has shown the model its state. */
    ReadView view() {
        return view;
    }

    /**
     * The latest view once it reflects the log up to {@code sequence} (read-your-writes: a client names the sequence its write
     * answered with), waiting at most {@code wait}; empty if it does not get there in time.
     */
    java.util.Optional<ReadView> awaitSequence(long sequence, java.time.Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (published) {
            while (view == null || view.headSequence() < sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return java.util.Optional.empty();
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(published, left);
            }
            return java.util.Optional.of(view);
        }
    }

    /** Every view goes out here, so a request waiting for a sequence wakes as soon as a view reaches it. */
    private void publish(ReadView next) {
        synchronized (published) {
            view = next;
            published.notifyAll();
        }
    }

    boolean ready() {
        return view != null;
    }

    @Override
    public void started(State state, LogHead head) {
        state.covers().values().forEach(this::putCover);
        state.claimIds().forEach(id -> putClaim(state, id));
        syncTransfers(state);
        publish(prepare(state).apply(head));
    }

    /**
     * Takes in a decided batch on the writer thread: the growing maps are updated and the small ones copied now, while the
     * state is exactly the batch's; the committer publishes the view with the log's head once the batch is durable.
     */
    @Override
    public Consumer<LogHead> decided(State state, List<Event> events) {
        if (view == null) {
            return null;
        }
        batchSizes.accept(events.size());
        for (Event event : events) {
            switch (event) {
                case Event.CoverBought e -> putCover(e.cover());
                // A filing or a deposit can make an assessor a party to other open claims: their counted outcome changes.
                case Event.ClaimFiled e -> {
                    putClaim(state, e.claimId());
                    putAssessedClaims(state);
                }
                case Event.AssessmentChanged e -> putClaim(state, e.claimId());
                case Event.ClaimsReferred e -> e.claims().forEach(claim -> putClaim(state, claim.claimId()));
                case Event.ClaimAppealed e -> putClaim(state, e.appeal().claimId());
                case Event.AssessorRemoved e -> e.claimIds().forEach(claimId -> putClaim(state, claimId));
                // Who decides a listing's claims, stakes and slashes change no cover and no claim.
                case Event.ListingAssessorsSet e -> {
                }
                case Event.AssessorStaked e -> {
                }
                case Event.AssessorSlashed e -> {
                }
                case Event.SlashReversed e -> {
                }
                case Event.StakeWithdrawalRequested e -> {
                }
                case Event.StakeWithdrawn e -> {
                }
                case Event.IncidentSettled e -> e.claims().forEach(claim -> {
                    putClaim(state, claim.claimId());
                    putCover(state.covers().get(claim.coverId()));
                });
                case Event.TimeAdvanced e -> {
                    state.activeCoverIds().forEach(id -> putCover(state.covers().get(id)));
                    e.expiredCoverIds().forEach(id -> putCover(state.covers().get(id)));
                    putPaidLate(state, e.shortfallPayments());
                }
                case Event.RecoveryRecorded e -> {
                    e.claims().forEach(part -> putClaim(state, part.claimId()));
                    putPaidLate(state, e.shortfallPayments());
                }
                case Event.PoolReopened e -> {
                }
                case Event.ProtocolRegistered e -> {
                }
                case Event.ContractRegistered e -> {
                }
                case Event.AuditRegistered e -> {
                }
                case Event.PoolCreated e -> {
                }
                case Event.ProtocolListed e -> {
                }
                case Event.CapitalDeposited e -> {
                    putPaidLate(state, e.shortfallPayments());
                    putAssessedClaims(state);
                }
                case Event.WithdrawalRequested e -> {
                }
                case Event.CapitalWithdrawn e -> {
                }
                // Claim set-up and incidents before settlement change no cover and no claim (incidents are copied below).
                case Event.ClaimTermsSet e -> {
                }
                case Event.AttestationConfigured e -> {
                }
                case Event.IncidentReported e -> {
                }
                case Event.IncidentAttested e -> {
                }
                case Event.ReinsuranceSet e -> {
                }
                case Event.AssessorRegistered e -> {
                }
                case Event.AssessmentConfigured e -> {
                }
                // Reimbursements change no stored claim: the explanation reads them from the engine, and settlement decides with them.
                case Event.ReimbursementDeclared e -> {
                }
                // Pricing, evidence and set-up change no cover and no claim.
                case Event.ChainObserved e -> {
                }
                case Event.ScopeChecked e -> {
                }
                case Event.CodeChangePolicySet e -> {
                }
                case Event.RiskProfileRegistered e -> {
                }
                case Event.MarketSet e -> {
                }
                case Event.PricingParametersSet e -> {
                }
                case Event.DeploymentIdentified e -> {
                }
                // Solvency is read from the quote state's book, shared as it is.
                case Event.SolvencyPolicySet e -> {
                }
                case Event.DependenciesRecorded e -> {
                }
                case Event.SolvencyAssessed e -> {
                }
            }
        }
        syncTransfers(state);
        Function<LogHead, ReadView> prepared = prepare(state);
        return head -> publish(prepared.apply(head));
    }

    private void putCover(Cover cover) {
        covers.put(cover.id(), cover);
        coverIdsByHolder.computeIfAbsent(cover.holder(), holder -> new ConcurrentSkipListSet<>()).add(cover.id());
    }

    /** Claims paid late, and their covers. */
    private void putPaidLate(State state, List<io.auditcover.claims.ShortfallPayment> payments) {
        if (payments != null) {
            payments.forEach(payment -> {
                putClaim(state, payment.claimId());
                putCover(state.covers().get(state.claimRecords().get(payment.claimId()).coverId()));
            });
        }
    }

    /** Every claim before assessors and not yet decided, as it stands now. */
    private void putAssessedClaims(State state) {
        for (long claimId : state.assessments().keySet()) {
            if (!state.claimRecords().containsKey(claimId)) {
                putClaim(state, claimId);
            }
        }
    }

    private void putClaim(State state, long claimId) {
        state.claim(claimId).ifPresent(claim -> claims.put(claimId, claim));
    }

    private void syncTransfers(State state) {
        List<Transfer> all = state.ledger().transfers();
        for (int i = transfers.size(); i < all.size(); i++) {
            transfers.put(all.get(i).id(), all.get(i));
        }
    }

    /**
     * Takes the view's maps now, while the state is exactly the batch's: the books' persistent maps are shared as they are
     * (publishing costs nothing however large the book), the ledger's balances are copied; the head comes when durable.
     */
    private Function<LogHead, ReadView> prepare(State state) {
        var time = state.time();
        var protocols = copy(state.protocols());
        var contracts = copy(state.contracts());
        var audits = copy(state.audits());
        var pools = copy(state.pools());
        var listings = copy(state.listings());
        var positions = copy(state.positions());
        var withdrawals = copy(state.withdrawals());
        var heldWithdrawals = copy(state.heldWithdrawals());
        var balances = copy(state.ledger().balances());
        var incidents = copy(state.incidents());
        State quoteState = Quotes.quoteState(state);
        var recoveries = copy(state.claimBook().recoveries());
        return head -> new ReadView(time, head.sequence(), HexFormat.of().formatHex(head.hash()), protocols, contracts, audits, pools,
                listings, positions, withdrawals, heldWithdrawals, balances, incidents, Collections.unmodifiableNavigableMap(covers),
                Collections.unmodifiableNavigableMap(claims), Collections.unmodifiableNavigableMap(transfers),
                Collections.unmodifiableMap(coverIdsByHolder), quoteState, recoveries);
    }

    /** A persistent map is immutable and shared as it is; any other is copied. */
    private static <K, V> NavigableMap<K, V> copy(java.util.Map<K, V> map) {
        if (map instanceof org.pcollections.PSortedMap<K, V> persistent) {
            return persistent;
        }
        return Collections.unmodifiableNavigableMap(new TreeMap<>(map));
    }
}
