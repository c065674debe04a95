package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.sample.LwwEntry;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Groups started apart find each other and converge; other cluster names stay apart. */
class MergeAndIsolationTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);

  @AfterEach
  void close() {
    cluster.close();
  }

  private Peer startOn(int port, List<Integer> known, String clusterName) {
    List<String> addrs = new ArrayList<>();
    known.forEach(p -> addrs.add("127.0.0.1:" + p));
    return cluster.start(cfg -> cfg.clusterName(clusterName).bindAddress("127.0.0.1:" + port)
        .knownPeers(addrs));
  }

  /**
   * Two groups apart, each with state the other lacks (one entry never broadcast at all), merge and
   * converge to the union. The groups are made apart deterministically (JGroups DISCARD plus
   * injected views, {@link Faults}): with merge detection running several times a second, groups
   * merely "started apart" find each other before they can form separately.
   */
  @Test
  void groupsApartMergeAndConvergeToTheUnionOfTheirStates() throws Exception {
    int p1 = FreePorts.next();
    int p2 = FreePorts.next();
    int p3 = FreePorts.next();
    int p4 = FreePorts.next();
    String name = cluster.clusterName();
    Peer a1 = startOn(p1, List.of(p1, p2, p3, p4), name);
    Peer a2 = startOn(p2, List.of(p1, p2, p3, p4), name);
    Peer b3 = startOn(p3, List.of(p3, p4), name);
    Peer b4 = startOn(p4, List.of(p3, p4), name);
    List<Peer> all = List.of(a1, a2, b3, b4);
    await().atMost(Duration.ofSeconds(15)).until(() -> all.stream().allMatch(p -> p.clusterSize() == 4));
    List<LwwMapState> states = new ArrayList<>();
    for (Peer p : all) {
      LwwMapState s = new LwwMapState("sil");
      p.addState(s);
      states.add(s);
    }
    List<JGroupsPeer> a = List.of((JGroupsPeer) a1, (JGroupsPeer) a2);
    List<JGroupsPeer> b = List.of((JGroupsPeer) b3, (JGroupsPeer) b4);
    Faults.partition(List.of(a, b));
    a1.channel("sil").orElseThrow().broadcast(states.get(0).put("from-a", "A"));
    states.get(2).put("from-b", "B"); // never broadcast: only a full-state exchange carries it
    await().atMost(Duration.ofSeconds(10)).until(() -> states.get(1).get("from-a").isPresent());
    assertThat(states.get(2).get("from-a")).isEmpty();

    Faults.heal(List.of(a.get(0), a.get(1), b.get(0), b.get(1)));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (Peer p : all) {
        assertThat(p.clusterSize()).isEqualTo(4);
        assertThat(p.members()).isEqualTo(a1.members());
      }
    });
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      for (LwwMapState s : states) {
        assertThat(s.get("from-a")).map(LwwEntry::value).contains("A");
        assertThat(s.get("from-b")).map(LwwEntry::value).contains("B");
      }
    });
  }

  @Test
  void differentClusterNamesNeverSeeEachOtherNorExchangeState() throws Exception {
    int p1 = FreePorts.next();
    int p2 = FreePorts.next();
    Peer x = startOn(p1, List.of(p1, p2), cluster.clusterName() + "-x");
    Peer y = startOn(p2, List.of(p1, p2), cluster.clusterName() + "-y");
    LwwMapState sx = new LwwMapState("sil");
    LwwMapState sy = new LwwMapState("sil");
    x.addState(sx);
    y.addState(sy);
    x.channel("sil").orElseThrow().broadcast(sx.put("secret", "x"));

    // Several MERGE3 rounds (reconnectInterval is 1 s): they must stay apart the whole time.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(x.clusterSize()).isEqualTo(1);
      assertThat(y.clusterSize()).isEqualTo(1);
    });
    assertThat(sy.get("secret")).isEmpty();
    assertThat(y.metrics().get(ClusterMetric.FULL_STATES_RECEIVED)).isZero();
    assertThat(y.metrics().get(ClusterMetric.UPDATES_RECEIVED)).isZero();
    assertThat(y.metrics().get(ClusterMetric.MALFORMED_MESSAGES)).isZero();
  }
}
