package org.alertcluster.impl;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.impl.tls.TestPki;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.jgroups.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RejoinSameAddressTest's rule with mutual TLS (JGroups' blocking {@code TCP} transport, whose
 * stop had its own way of leaving an accepted socket open: TlsAcceptedOnStopTest): three TLS
 * peers; in each of 3 rounds, under two busy threads, peer b leaves (or crashes) and a new peer
 * starts at once on its port with its name and certificate. Must hold after each round: the new
 * incarnation is in every member's view, the old one in none, within 15 s. The times are printed.
 */
class TlsRejoinSameAddressTest {

  private static final int ROUNDS = 3;
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dir;

  private final String cluster = "tlsrejoin-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> started = new ArrayList<>();
  private CpuLoad.Load load;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (load != null) {
      load.close();
    }
    started.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  private JGroupsPeer start(String name, int port, List<Integer> known) {
    ClusterConfig config = PeerCluster.testDefaults(cluster, port).nodeName(name)
        .knownPeers(known.stream().map(p -> "127.0.0.1:" + p).toList())
        .tls(TlsConfig.builder().certificateFile(dir.resolve(name + ".crt").toString())
            .keyFile(dir.resolve(name + ".key").toString())
            .caFile(dir.resolve(name + "-ca.crt").toString()).build())
        .build();
    JGroupsPeer p = JGroupsPeer.start(config);
    started.add(p);
    return p;
  }

  @ParameterizedTest(name = "crash={0}")
  @ValueSource(booleans = {false, true})
  void aTlsPeerRestartedAtOnceOnItsPortIsMergedBack(boolean crash) throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.Ca ca = pki.ca("ca");
    List<String> names = List.of("a", "b", "c");
    for (String n : names) {
      pki.issue(ca, n, TestPki.spec().cn(n).ips("127.0.0.1"));
    }
    List<Integer> ports = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
    List<JGroupsPeer> peers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int self = ports.get(i);
      peers.add(start(names.get(i), self, ports.stream().filter(p -> p != self).toList()));
    }
    ClusterAwait.awaitSameView(WAIT, peers, 3);
    load = new CpuLoad.Load();
    List<Long> millis = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      JGroupsPeer victim = peers.get(1);
      List<JGroupsPeer> others = List.of(peers.get(0), peers.get(2));
      Address old = Faults.address(victim);
      if (crash) {
        victim.halt();
      } else {
        victim.leave(Duration.ofSeconds(2));
      }
      long t0 = System.nanoTime();
      int port = ports.get(1);
      JGroupsPeer fresh = start("b", port, ports.stream().filter(p -> p != port).toList());
      Address now = Faults.address(fresh);
      try {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() ->
            others.stream().allMatch(n -> inView(n, now) && !inView(n, old))
                && fresh.members().size() == 3);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(String.format("round %d (crash=%s): the new incarnation %s of b "
            + "at 127.0.0.1:%d not merged back within %s (old %s); views: %s", round, crash, now,
            port, WAIT, old, ClusterAwait.views(List.of(others.get(0), others.get(1), fresh))), e);
      }
      millis.add((System.nanoTime() - t0) / 1_000_000);
      peers.set(1, fresh);
    }
    System.out.printf("TLS-REJOIN | %s at the same port, %d rounds, load %.2f | whole after (ms "
        + "from start): %s%n", crash ? "crash" : "leave", ROUNDS,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), millis);
  }

  private static boolean inView(JGroupsPeer n, Address member) {
    return n.channelForTesting().getView().containsMember(member);
  }
}
