package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Partitions and pauses, injected deterministically (DISCARD above the transport plus injected
 * views, see {@link Faults}); anti-entropy is pushed out to 10 minutes so that only the merge
 * exchange can repair what the partition dropped. Each test prints how long the repair took.
 */
class PartitionFaultTest {

  private static final String KEY = "sil";
  private final String cluster = "fault-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();
  private final List<LwwMapState> states = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  private void start(int n) {
    Faults.start(cluster, n, KEY, peers, states);
  }

  private void write(int i, String id) {
    peers.get(i).channel(KEY).orElseThrow().broadcast(states.get(i).put(id, "v-" + id));
  }

  /**
   * The smallest input. Injects: n2's links to n0 and n1 cut and n0, n1 given the view
   * {n0, n1}, while n2 keeps its old view {n0, n1, n2} (what SIGSTOP past failure detection
   * leaves behind); a write on n2 while cut (lost on the wire for sure); links restored and a second
   * write on n2 at once (dropped by n0, n1 as from a non-member until the merge). Must hold: both
   * writes on every peer, repaired by the merge exchange (anti-entropy is 10 minutes away).
   */
  @Test
  void writesOfAPausedPeerBeforeAndRightAfterResumeReachEveryoneThroughTheMerge() {
    start(3);
    List<JGroupsPeer> others = peers.subList(0, 2);
    Faults.cut(List.of(others, List.of(peers.get(2))));
    Faults.injectView(others);
    write(2, "while-paused");
    long resumed = System.nanoTime();
    Faults.heal(peers);
    write(2, "right-after-resume");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (LwwMapState s : states) {
        assertThat(s.get("while-paused")).as("%s", s).isPresent();
        assertThat(s.get("right-after-resume")).as("%s", s).isPresent();
      }
    });
    System.out.printf("FAULT | 3 peers, one paused and written to right after resume | both "
        + "writes everywhere after %d ms%n", (System.nanoTime() - resumed) / 1_000_000);
    ClusterAwait.awaitSameView(Duration.ofSeconds(10), peers, 3);
    assertThat(peers.get(0).metrics().get(ClusterMetric.FULL_STATES_RECEIVED)).isPositive();
  }

  /**
   * Injects: 5 peers split 3+2 (links cut, views injected), 20 writes on each side while split;
   * then links restored. Must hold: all 5 in one view, and every peer holds all 40 writes (0 lost).
   */
  @Test
  void fivePeersSplitThreePlusTwoWithWritesOnBothSidesConvergeToTheUnionWhenHealed() {
    start(5);
    List<JGroupsPeer> left = peers.subList(0, 3);
    List<JGroupsPeer> right = peers.subList(3, 5);
    Faults.partition(List.of(left, right));
    assertThat(left).allMatch(p -> p.clusterSize() == 3);
    assertThat(right).allMatch(p -> p.clusterSize() == 2);
    for (int k = 0; k < 20; k++) {
      write(k % 3, "left-" + k);
      write(3 + k % 2, "right-" + k);
    }
    // Each side converges on its own writes; none crosses the cut.
    ClusterAwait.awaitConverged(Duration.ofSeconds(10), states.subList(0, 3));
    ClusterAwait.awaitConverged(Duration.ofSeconds(10), states.subList(3, 5));
    assertThat(states.get(0).get("right-0")).isEmpty();

    long healed = System.nanoTime();
    Faults.heal(peers);
    ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers, 5);
    long views = System.nanoTime();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (LwwMapState s : states) {
        assertThat(s.size()).as("%s", s).isEqualTo(40);
      }
    });
    System.out.printf("FAULT | 5 peers split 3+2, 40 writes | one view after %d ms, all 40 "
        + "writes on all 5 after %d ms, 0 lost%n", (views - healed) / 1_000_000,
        (System.nanoTime() - healed) / 1_000_000);
  }

  /**
   * Injects: 10 % random loss of every message sent and received on every peer (DISCARD
   * up/down rates) during a burst of 300 writes spread over 3 peers, kept on until the end. Must
   * hold: every peer holds all 300 writes (JGroups retransmission; anti-entropy is 10 minutes
   * away) and the view stays whole.
   */
  @Test
  void tenPercentRandomLossDuringABurstStillConverges() {
    start(3);
    Faults.loss(peers, 0.10);
    for (int k = 0; k < 300; k++) {
      write(k % 3, "burst-" + k);
    }
    long burstDone = System.nanoTime();
    // Retransmission (NAKACK2, UNICAST3) repairs the loss while it is still going on.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (LwwMapState s : states) {
        assertThat(s.size()).as("%s", s).isEqualTo(300);
      }
    });
    Faults.heal(peers);
    System.out.printf("FAULT | 3 peers, 10%% loss during a 300-write burst | all converged %d ms "
        + "after the burst%n", (System.nanoTime() - burstDone) / 1_000_000);
    ClusterAwait.awaitSameView(Duration.ofSeconds(10), peers, 3);
  }
}
