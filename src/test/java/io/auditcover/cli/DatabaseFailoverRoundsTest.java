package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.store.PostgresCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database's own failover under load: two contending {@code serve --db} instances on a PostgreSQL primary with one
 * synchronous standby, through a multi-host URL asking for the primary, under a {@link WriteLoad} (registrations and
 * deposits). Each round kills the primary, promotes the standby, copies a new synchronous standby from it, and restarts every instance on the new pair (an
 * instance whose database went away has stopped); then {@link WriteLoad#check} holds: no acknowledged command was
 * lost with the old primary. {@code mvn verify} runs two rounds; {@code -Dauditcover.failover.rounds=20} runs more.
 */
class DatabaseFailoverRoundsTest {
    static final int ROUNDS = Math.max(2, Integer.getInteger("auditcover.failover.rounds", 2));

    @TempDir
    Path directory;

    @Test
    void no_acknowledged_command_is_lost_when_the_database_primary_dies_and_its_synchronous_standby_takes_over() throws Exception {
        var clusters = new ArrayList<PostgresCluster>();
        try (var processes = new ServerProcesses(directory, FailoverRoundsTest.LEASE_SECONDS)) {
            PostgresCluster primary = PostgresCluster.startPrimary();
            clusters.add(primary);
            String single = primary.newDatabase();
            String database = single.substring(single.lastIndexOf('/') + 1, single.indexOf('?'));
            PostgresCluster standby = primary.startStandby("standby0");
            clusters.add(standby);
            primary.requireSynchronousStandby("standby0");

            var names = List.of("a", "b");
            var keys = new ArrayList<String>();
            String key = processes.apiKey(url(primary, standby, database));
            names.forEach(name -> keys.add(key));
            var servers = new ArrayList<ServerProcesses.Server>();
            for (String name : names) {
                servers.add(processes.serve(name, url(primary, standby, database)));
            }
            try (var load = new WriteLoad(processes, servers, keys)) {
                for (int round = 0; round < ROUNDS; round++) {
                    Thread.sleep(1_000);
                    primary.kill();
                    standby.promote();
                    primary = standby;
                    standby = primary.startStandby("standby" + (round + 1));
                    clusters.add(standby);
                    primary.requireSynchronousStandby("standby" + (round + 1));
                    for (int i = 0; i < servers.size(); i++) {
                        servers.get(i).process().destroyForcibly().waitFor();
                        servers.set(i, processes.serve(names.get(i), url(primary, standby, database)));
                    }
                    load.pause();
                    load.check(round);
                    load.resume();
                }
                assertThat(load.acknowledged.size()).as("registrations acknowledged over %d rounds", ROUNDS).isGreaterThan(ROUNDS);
                assertThat(load.deposited.size()).as("deposits acknowledged over %d rounds", ROUNDS).isGreaterThan(ROUNDS);
            }
        } finally {
            for (PostgresCluster cluster : clusters) {
                cluster.close();
            }
        }
    }

    private static String url(PostgresCluster primary, PostgresCluster standby, String database) {
        return "jdbc:postgresql://" + primary.hostAndPort() + "," + standby.hostAndPort() + "/" + database + "?user=auditcover"
                + "&targetServerType=primary&connectTimeout=2&socketTimeout=10";
    }
}
