package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a cluster forms and settles, decided by events rather than timeouts. Each test makes the
 * timeout it must not wait out far longer (60 s) than the bounded wait that checks it (30 s), so a
 * peer that waited would fail the test, whatever the machine's speed; how fast formation is
 * belongs to {@code HealBench} and the benchmarks.
 *
 * <p>The smallest input: peers started together, each listing all of them. JGroups' join
 * discovery used to end early only on a coordinator's answer, so they all waited the join
 * timeout (2 s) although every one had answered, and then settled for 3 polls of 1 s.
 */
class FormationTest {

  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration BOUND = Duration.ofSeconds(30);

  private final String cluster = "form-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  private List<ClusterConfig> together(int n, Duration joinTimeout, Duration settleInterval) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      addresses.add("127.0.0.1:" + FreePorts.next());
    }
    List<ClusterConfig> configs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      configs.add(PeerCluster.testDefaults(cluster, 0).bindAddress(addresses.get(i))
          .nodeName("f" + i).knownPeers(addresses).joinTimeout(joinTimeout)
          .settleInterval(settleInterval).settleStablePolls(3).settleTimeout(LONG.multipliedBy(2))
          .build());
    }
    return configs;
  }

  private void startTogether(List<ClusterConfig> configs) throws Exception {
    List<CompletableFuture<JGroupsPeer>> starting = new ArrayList<>();
    for (ClusterConfig c : configs) {
      starting.add(CompletableFuture.supplyAsync(() -> JGroupsPeer.start(c)));
    }
    for (CompletableFuture<JGroupsPeer> f : starting) {
      peers.add(f.get(BOUND.toSeconds(), TimeUnit.SECONDS)); // a join that waited 60 s fails here
    }
  }

  @Test
  void peersStartedTogetherFormOneClusterWithoutWaitingTheJoinTimeout() throws Exception {
    startTogether(together(4, LONG, Duration.ofMillis(100)));

    ClusterAwait.awaitSameView(BOUND, peers, 4);
  }

  @Test
  void peersThatListEachOtherAreReadyOnceAllAreMembersWithoutWaitingTheQuietPeriod()
      throws Exception {
    // Quiet period 3 × 20 s = 60 s: only "every known peer is a member" can make them ready sooner.
    startTogether(together(3, Duration.ofSeconds(2), Duration.ofSeconds(20)));
    for (JGroupsPeer p : peers) {
      p.addState(new LwwMapState("st")); // as a host does, right after creating the peer
    }

    for (JGroupsPeer p : peers) {
      assertThat(p.awaitReady(BOUND)).as("%s ready within %s", p.name(), BOUND).isTrue();
      assertThat(p.status()).isEqualTo(PeerStatus.READY);
      assertThat(p.clusterSize()).isEqualTo(3);
    }
  }

  @Test
  void aPeerWithoutKnownPeersFormsItsClusterAtOnceAndWaitsTheQuietPeriodToSettle()
      throws Exception {
    ClusterConfig alone = PeerCluster.testDefaults(cluster, FreePorts.next()).joinTimeout(LONG)
        .settleInterval(Duration.ofSeconds(2)).settleStablePolls(2).build();
    CompletableFuture<JGroupsPeer> start = CompletableFuture.supplyAsync(() -> JGroupsPeer.start(alone));
    JGroupsPeer p = start.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    peers.add(p);

    // Nobody to wait for, and no known peer: it settles by quiet period (4 s), not at once.
    assertThat(p.status()).isEqualTo(PeerStatus.SETTLING);
    assertThat(p.awaitReady(BOUND)).isTrue();
    assertThat(p.status()).isEqualTo(PeerStatus.READY);
  }
}
