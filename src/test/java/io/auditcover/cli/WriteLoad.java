package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Credentials;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client's load on contending {@code serve --db} instances, for the failover rounds: one after another it registers a
 * protocol as the operator and deposits capital into one pool as a signed-in underwriter (Sign-In with Ethereum on each
 * instance, again after a restart), through whichever instance writes; a write refused {@code not_leader} or cut off is sent
 * again, with the same Idempotency-Key, to the other, until one acknowledges it. {@link #check} is what must hold after every
 * fault, the money included: the pool holds exactly the deposits acknowledged (and at most the one in flight) and the ledger
 * balances.
 */
final class WriteLoad implements AutoCloseable {
    static final Duration SETTLE_MAX = Duration.ofSeconds(60);
    static final String POOL = "rounds";
    static final Credentials UNDERWRITER = Credentials.create("0x" + "5e".repeat(32));
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    /** The deposits acknowledged, in whole USDC. */
    final List<Long> deposited = new CopyOnWriteArrayList<>();
    final List<String> duplicates = new CopyOnWriteArrayList<>();
    private volatile long inFlightDeposit;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ServerProcesses processes;
    private final List<ServerProcesses.Server> servers;
    private final List<String> keys;
    /** The underwriter's session on each instance, and the process it was signed in to (a restarted instance needs a new one). */
    private final Map<Integer, Map.Entry<Process, String>> sessions = new ConcurrentHashMap<>();
    private final Thread client;

    /** Creates the pool through the writer and starts the client on {@code servers} (which the rounds replace in place). */
    WriteLoad(ServerProcesses processes, List<ServerProcesses.Server> servers, List<String> keys) throws Exception {
        this.processes = processes;
        this.servers = servers;
        this.keys = keys;
        int writer = writerIndex();
        var created = processes.post(servers.get(writer).port(), "Bearer " + keys.get(writer), "/api/pools", "{\"id\":\"" + POOL
                + "\",\"asset\":{\"code\":\"USDC\",\"scale\":6},\"leverage\":\"4\",\"max_protocol_share\":\"1\","
                + "\"notice_period_days\":7}", "pool-" + POOL);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        this.client = Thread.ofPlatform().start(this::run);
    }

    private void run() {
        int next = 0;
        try {
            while (!stop.get()) {
                if (paused.get()) {
                    Thread.sleep(20);
                    continue;
                }
                register("p" + next);
                deposit(next, 1 + next % 5);
                next++;
                Thread.sleep(10);
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private void register(String id) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline && !stop.get(); attempt++) {
            int target = attempt % servers.size();
            try {
                var answer = processes.register(servers.get(target).port(), keys.get(target), id, "key-" + id);
                if (answer.status() == 201) {
                    acknowledged.add(id);
                    return;
                }
                if (answer.status() == 409) {
                    duplicates.add(id + ": " + answer.body());
                    return;
                }
            } catch (IOException e) {
                // the instance is down or frozen: another may write
            }
            Thread.sleep(50);
        }
    }

    /** Deposits {@code whole} USDC as the underwriter, signed in on whichever instance it tries; a 409 is a retry applied twice. */
    private void deposit(int number, long whole) throws InterruptedException {
        inFlightDeposit = whole;
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline && !stop.get(); attempt++) {
            int target = attempt % servers.size();
            try {
                String session = session(target);
                if (session == null) {
                    Thread.sleep(50);
                    continue;
                }
                var answer = processes.post(servers.get(target).port(), "Bearer " + session, "/api/pools/" + POOL + "/deposits",
                        "{\"amount\":{\"amount\":\"" + whole + "\",\"asset\":\"USDC\"}}", "deposit-" + number);
                if (answer.status() == 201) {
                    deposited.add(whole);
                    inFlightDeposit = 0;
                    return;
                }
                if (answer.status() == 401) {
                    sessions.remove(target);
                }
                if (answer.status() == 409) {
                    duplicates.add("deposit " + number + ": " + answer.body());
                    inFlightDeposit = 0;
                    return;
                }
            } catch (IOException e) {
                // the instance is down or frozen: another may write
            }
            Thread.sleep(50);
        }
    }

    /** The underwriter's session on instance {@code target}, signing in when it has none for the process serving there. */
    private String session(int target) throws IOException, InterruptedException {
        var server = servers.get(target);
        var known = sessions.get(target);
        if (known != null && known.getKey() == server.process()) {
            return known.getValue();
        }
        String token = processes.signIn(server.port(), UNDERWRITER);
        if (token != null) {
            sessions.put(target, Map.entry(server.process(), token));
        }
        return token;
    }

    /** Holds the client between two commands, so a check sees a quiet log. */
    void pause() throws InterruptedException {
        paused.set(true);
        Thread.sleep(200);
    }

    void resume() {
        paused.set(false);
    }

    /** The instance that writes now, waiting for one. */
    int writerIndex() throws Exception {
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < servers.size(); i++) {
                try {
                    var ready = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(i).port() + "/ready")));
                    if (ready.status() == 200 && ready.body().get("role").asText().equals("writer")) {
                        return i;
                    }
                } catch (IOException e) {
                    // starting or gone
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no instance became the writer");
    }

    /**
     * After a fault: no retry was applied twice, the writer's chain verifies, every acknowledged command is in the log once
     * (and at most the one in flight besides), and every follower's head and state hash are the writer's at the same sequence.
     */
    void check(int round) throws Exception {
        int writer = writerIndex();
        int port = servers.get(writer).port();
        assertThat(duplicates).as("round %d: retries applied twice", round).isEmpty();
        var verified = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/log/verify"))
                .header("Authorization", "Bearer " + keys.get(writer)));
        assertThat(verified.body().get("ok").asBoolean()).as("round %d: %s", round, verified.body()).isTrue();
        long head = verified.body().get("head_sequence").asLong();
        var seen = new ArrayList<String>();
        String after = null;
        do {
            var page = processes.read(port, "/api/protocols?limit=500" + (after == null ? "" : "&after=" + after), head).body();
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            after = page.get("next_after").isNull() ? null : page.get("next_after").asText();
        } while (after != null);
        assertThat(seen).as("round %d: every acknowledged command in the log once", round).containsAll(List.copyOf(acknowledged))
                .doesNotHaveDuplicates();
        assertThat(seen.size()).as("round %d: the log holds acknowledged commands and at most the one in flight", round)
                .isBetween(acknowledged.size(), acknowledged.size() + 1);
        checkMoney(round, port, head);
        var writerHead = processes.read(port, "/api/log/head", head).body();
        var writerState = stateHash(writer, head);
        for (int i = 0; i < servers.size(); i++) {
            if (i != writer) {
                var followerHead = processes.read(servers.get(i).port(), "/api/log/head", head).body();
                assertThat(followerHead.get("sequence")).isEqualTo(writerHead.get("sequence"));
                assertThat(followerHead.get("hash")).as("round %d: one head, no fork", round).isEqualTo(writerHead.get("hash"));
                assertThat(stateHash(i, head)).as("round %d: the follower's state is the writer's", round).isEqualTo(writerState);
            }
        }
    }

    /**
     * The pool's capital is the sum of the deposits acknowledged (plus the one in flight, when it landed before the fault cut
     * off its answer), its ledger account agrees, and every asset's balances sum to zero.
     */
    private void checkMoney(int round, int port, long head) throws Exception {
        long acknowledgedUnits = deposited.stream().mapToLong(Long::longValue).sum() * 1_000_000;
        var pool = processes.read(port, "/api/pools/" + POOL, head).body();
        long capital = new java.math.BigDecimal(pool.at("/capital/amount").asText()).movePointRight(6).longValueExact();
        assertThat(capital).as("round %d: the pool holds every acknowledged deposit once", round)
                .isIn(acknowledgedUnits, acknowledgedUnits + inFlightDeposit * 1_000_000);
        var accounts = processes.read(port, "/api/ledger/accounts", head).body().get("items");
        var sums = new java.util.TreeMap<String, java.math.BigDecimal>();
        java.math.BigDecimal booked = null;
        for (var account : accounts) {
            var balance = new java.math.BigDecimal(account.at("/balance/amount").asText());
            sums.merge(account.at("/balance/asset").asText(), balance, java.math.BigDecimal::add);
            if (account.get("name").asText().equals("pool/" + POOL + "/capital")) {
                booked = balance;
            }
        }
        assertThat(sums.values()).as("round %d: the ledger balances", round).allMatch(sum -> sum.signum() == 0);
        assertThat(booked).as("round %d: the ledger's pool capital", round).isNotNull();
        assertThat(booked.movePointRight(6).longValueExact()).isEqualTo(capital);
    }

    /** An instance's state hash once its view reflects {@code sequence}. */
    private String stateHash(int server, long sequence) throws Exception {
        var answer = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(server).port() + "/api/log/state-hash"))
                .header("Authorization", "Bearer " + keys.get(server)).header("Auditcover-Min-Sequence", Long.toString(sequence)));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().get("sequence").asLong()).isEqualTo(sequence);
        return answer.body().get("state_hash").asText();
    }

    /** Stops the client; a failure of its own (not a refused write) fails the test. */
    @Override
    public void close() {
        stop.set(true);
        try {
            client.join(SETTLE_MAX.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(failure.get()).isNull();
    }
}
