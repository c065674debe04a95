package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.impl.stack.StackBuilder;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.Merger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two merge leaders at once after a heal: NetnsClusterTest's 1.69 s heal, made deterministic with
 * DISCARD and injected views. Right after a partition heals, connections come back one by one; when
 * each coordinator first hears members of the other side but not the other coordinator, each finds
 * itself merge leader and asks the other to merge while it is busy with its own merge.
 *
 * <p>Injects: 5 peers split 3+2 (n0 and n3 the coordinators); every link healed except n0–n3,
 * until the lower-addressed of the two leads a merge and the other either leads one too (what
 * JGroups alone did) or has held its merge back three times for the lower one; then n0–n3 healed
 * too. GMS' {@code merge_timeout} is raised to 20 s for the test, so that a leader left waiting for
 * the other (JGroups ignores a merge request that arrives during another merge) shows as a 20 s
 * heal, far from a correct one. Must hold: all 5 in one view, and the writes of both sides
 * everywhere, within half that timeout after the last link came back. Without
 * {@code MergeCollisions} it failed so: no view of 5 within 10 s.
 */
class MergeCollisionTest {

  private static final String KEY = "sil";
  private static final long MERGE_TIMEOUT_MS = 20_000;
  private final String cluster = "collide-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();
  private final List<LwwMapState> states = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  @Test
  void twoCoordinatorsThatEachLeadAMergeAfterAHealDoNotWaitForEachOther() {
    Faults.start(cluster, 5, KEY, peers, states);
    peers.forEach(p -> gms(p).setMergeTimeout(MERGE_TIMEOUT_MS));

    List<JGroupsPeer> left = peers.subList(0, 3);
    List<JGroupsPeer> right = peers.subList(3, 5);
    Faults.partition(List.of(left, right)); // n0 and n3 coordinate the two sides
    for (int k = 0; k < 5; k++) {
      write(k % 3, "left-" + k);
      write(3 + k % 2, "right-" + k);
    }
    ClusterAwait.awaitConverged(Duration.ofSeconds(10), states.subList(0, 3));
    ClusterAwait.awaitConverged(Duration.ofSeconds(10), states.subList(3, 5));

    // Every link back but the one between the two coordinators.
    for (JGroupsPeer p : left) {
      for (JGroupsPeer q : right) {
        if (p != peers.get(0) || q != peers.get(3)) {
          Faults.discard(p).removeIgnoredMember(Faults.address(q));
          Faults.discard(q).removeIgnoredMember(Faults.address(p));
        }
      }
    }
    DISCARD d0 = Faults.discard(peers.get(0));
    DISCARD d3 = Faults.discard(peers.get(3));
    // The lower of the two coordinators leads a merge (it hears the other side's members); the
    // higher one either leads one as well (the collision) or holds its merge back for the lower.
    JGroupsPeer lower = address(peers.get(0)).compareTo(address(peers.get(3))) < 0
        ? peers.get(0) : peers.get(3);
    JGroupsPeer higher = lower == peers.get(0) ? peers.get(3) : peers.get(0);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> merger(lower).isMergeTaskRunning()
            && (merger(higher).isMergeTaskRunning()
                || StackBuilder.mergesHeldBack(higher.channelForTesting()) >= 3));
    boolean collided = merger(higher).isMergeTaskRunning();

    long healed = System.nanoTime();
    d0.resetIgnoredMembers();
    d3.resetIgnoredMembers();
    ClusterAwait.awaitSameView(Duration.ofMillis(MERGE_TIMEOUT_MS / 2), peers, 5);
    long oneView = System.nanoTime();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (LwwMapState s : states) {
        assertThat(s.size()).as("%s", s).isEqualTo(10);
      }
    });
    System.out.printf("FAULT | 5 peers split 3+2, the two coordinators reach each other last "
        + "after a heal | one view %d ms, all 10 writes everywhere %d ms after the last link came "
        + "back (merge_timeout %d ms; second leader: %s; load average %.2f)%n",
        (oneView - healed) / 1_000_000, (System.nanoTime() - healed) / 1_000_000,
        MERGE_TIMEOUT_MS, collided,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private void write(int i, String id) {
    peers.get(i).channel(KEY).orElseThrow().broadcast(states.get(i).put(id, "v-" + id));
  }

  private static org.jgroups.Address address(JGroupsPeer p) {
    return Faults.address(p);
  }

  private static GMS gms(JGroupsPeer p) {
    return p.channelForTesting().getProtocolStack().findProtocol(GMS.class);
  }

  private static Merger merger(JGroupsPeer p) {
    return gms(p).getMerger();
  }
}
