package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.impl.faults.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Groups started apart find each other and converge; other cluster names stay apart. */
class MergeAndIsolationTest {

  private final TestPeers cluster = new TestPeers();

  @AfterEach
  void close() {
    cluster.close();
  }

  private JGroupsPeer startOn(int port, List<Integer> known, String clusterName) {
    List<String> addrs = new ArrayList<>();
    known.forEach(p -> addrs.add("127.0.0.1:" + p));
    ClusterConfig c = cluster.config().clusterName(clusterName).bindAddress("127.0.0.1:" + port)
        .knownPeers(addrs).build();
    return cluster.start(c);
  }

  /**
   * Two groups apart, each with state the other lacks (one entry never broadcast at all), merge and
   * converge to the union. The groups are made apart deterministically (JGroups DISCARD plus
   * injected views, {@link Faults}): with merge detection running several times a second, groups
   * merely "started apart" find each other before they can form separately.
   */
  @Test
  void groupsApartMergeAndConvergeToTheUnionOfTheirStates() throws Exception {
    int p1 = TestPeers.freePort();
    int p2 = TestPeers.freePort();
    int p3 = TestPeers.freePort();
    int p4 = TestPeers.freePort();
    String name = cluster.cluster;
    JGroupsPeer a1 = startOn(p1, List.of(p1, p2, p3, p4), name);
    JGroupsPeer a2 = startOn(p2, List.of(p1, p2, p3, p4), name);
    JGroupsPeer b3 = startOn(p3, List.of(p3, p4), name);
    JGroupsPeer b4 = startOn(p4, List.of(p3, p4), name);
    List<JGroupsPeer> all = List.of(a1, a2, b3, b4);
    await().atMost(Duration.ofSeconds(15)).until(() -> all.stream().allMatch(p -> p.clusterSize() == 4));
    List<LwwMapState> states = new ArrayList<>();
    for (JGroupsPeer p : all) {
      LwwMapState s = new LwwMapState("sil");
      p.addState(s);
      states.add(s);
    }
    Faults.partition(List.of(List.of(a1, a2), List.of(b3, b4)));
    a1.channel("sil").orElseThrow().broadcast(states.get(0).put("from-a", "A"));
    states.get(2).put("from-b", "B"); // never broadcast: only a full-state exchange carries it
    await().atMost(Duration.ofSeconds(10)).until(() -> "A".equals(states.get(1).get("from-a")));
    assertThat(states.get(2).get("from-a")).isNull();

    Faults.heal(all);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (JGroupsPeer p : all) {
        assertThat(p.clusterSize()).isEqualTo(4);
        assertThat(p.members()).isEqualTo(a1.members());
      }
    });
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      for (LwwMapState s : states) {
        assertThat(s.get("from-a")).isEqualTo("A");
        assertThat(s.get("from-b")).isEqualTo("B");
      }
    });
  }

  @Test
  void differentClusterNamesNeverSeeEachOtherNorExchangeState() throws Exception {
    int p1 = TestPeers.freePort();
    int p2 = TestPeers.freePort();
    JGroupsPeer x = startOn(p1, List.of(p1, p2), cluster.cluster + "-x");
    JGroupsPeer y = startOn(p2, List.of(p1, p2), cluster.cluster + "-y");
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
    assertThat(sy.get("secret")).isNull();
    assertThat(y.metrics().fullStatesReceived()).isZero();
    assertThat(y.metrics().updatesReceived()).isZero();
    assertThat(y.metrics().malformedMessages()).isZero();
  }
}
