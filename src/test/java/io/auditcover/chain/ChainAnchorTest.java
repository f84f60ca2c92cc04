package io.auditcover.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.cli.Main;
import io.auditcover.store.Checkpoint;
import io.auditcover.store.EventLog;
import io.auditcover.store.LogEntry;
import io.auditcover.store.OperatorKey;
import io.auditcover.store.SqliteEventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** {@code auditcover chain anchor} publishes the log's newest signed checkpoint in a transaction on a real node. */
class ChainAnchorTest {
    static final Pattern TRANSACTION = Pattern.compile("transaction (0x[0-9a-f]{64}) in block ([0-9]+)");

    @TempDir
    Path directory;
    Node node;
    Path keyFile;

    @BeforeEach
    void writeLogAndKey() throws Exception {
        node = Node.start();
        try (EventLog log = SqliteEventLog.open(directory)) {
            var entries = new ArrayList<LogEntry>();
            for (int i = 1; i <= 20; i++) {
                entries.add(new LogEntry("command-" + i, "digest", Instant.EPOCH, "CoverBought", new byte[] {(byte) i}));
            }
            log.append(entries);
        }
        keyFile = directory.resolve("publisher.key");
        Files.writeString(keyFile, Node.DEPLOYER.getEcKeyPair().getPrivateKey().toString(16) + "\n");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        var captured = new ByteArrayOutputStream();
        try (var out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            System.setErr(out);
            return new Run(Main.run(args), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private BigInteger transactionsSent() throws Exception {
        return node.web3j.ethGetTransactionCount(Node.DEPLOYER.getAddress(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    @Test
    void anchor_publishes_the_newest_checkpoint_in_a_transaction_that_reads_back_from_the_chain() throws Exception {
        var result = run("chain", "anchor", "--rpc", node.anvil.url(), "--key-file", keyFile.toString(), "--data-dir", directory.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        var checkpoint = Checkpoint.newest(directory).orElseThrow();
        assertThat(checkpoint.sequence()).isEqualTo(20);
        assertThat(result.output()).contains("checkpoint at record 20 (hash " + checkpoint.hash() + ") on chain " + Anvil.CHAIN_ID);
        var matcher = TRANSACTION.matcher(result.output());
        assertThat(matcher.find()).as(result.output()).isTrue();

        var transaction = node.web3j.ethGetTransactionByHash(matcher.group(1)).send().getTransaction().orElseThrow();
        String publisher = Node.DEPLOYER.getAddress().toLowerCase(Locale.ROOT);
        assertThat(transaction.getFrom().toLowerCase(Locale.ROOT)).isEqualTo(publisher);
        assertThat(transaction.getTo().toLowerCase(Locale.ROOT)).isEqualTo(publisher);
        assertThat(transaction.getValue()).isZero();
        assertThat(transaction.getBlockNumber().longValueExact()).isEqualTo(Long.parseLong(matcher.group(2)));
        String operatorKey = OperatorKey.loadOrCreate(directory).publicKeyHex();
        assertThat(transaction.getInput()).isEqualTo(ChainAnchor.data(20, checkpoint.hash(), operatorKey))
                .contains(checkpoint.hash()).endsWith(operatorKey);
    }

    @Test
    void anchor_publishes_nothing_for_a_log_that_does_not_verify() throws Exception {
        try (var database = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("auditcover.db"));
                var sql = database.createStatement()) {
            sql.executeUpdate("DELETE FROM log_record WHERE sequence > 15");
        }
        var result = run("chain", "anchor", "--rpc", node.anvil.url(), "--key-file", keyFile.toString(), "--data-dir", directory.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("the log does not verify (log_truncated").contains("nothing published");
        assertThat(transactionsSent()).isZero();
    }
}
