package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator itself paused past failure detection and resumed (the first-started replica
 * SIGSTOPped, then SIGCONT): it still has its old view, which lists the members that went on
 * without it. Injects: n0's links cut, n1 and n2 given the view {n1, n2}, n0 keeping {n0, n1, n2};
 * a write on n0, then links restored. Must hold: every MERGE event GMS receives names each member
 * in one subgroup only (else the stale coordinator asks n1 and n2 for digests they drop as from a
 * non-member, and the merge waits {@code merge_timeout / 2}); the write everywhere and one view.
 */
class StaleCoordinatorMergeTest {

  private static final String KEY = "sil";
  private final String cluster = "stale-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();
  private final List<LwwMapState> states = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  /** Records the MERGE events GMS receives: sits right below it. */
  static final class MergeRecorder extends Protocol {
    final List<Map<Address, View>> merges = new CopyOnWriteArrayList<>();

    @Override
    public Object up(Event evt) {
      if (evt.getType() == Event.MERGE) {
        Map<Address, View> views = evt.getArg();
        merges.add(new HashMap<>(views));
      }
      return up_prot.up(evt);
    }
  }

  private static MergeRecorder recorder(JGroupsPeer p) {
    ProtocolStack stack = p.channelForTesting().getProtocolStack();
    MergeRecorder r = new MergeRecorder();
    try {
      stack.insertProtocol(r, ProtocolStack.Position.BELOW, GMS.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return r;
  }

  @Test
  void aResumedCoordinatorsStaleViewGivesEachMemberOneSubgroupInTheMerge() {
    Faults.start(cluster, 3, KEY, peers, states);
    JGroupsPeer paused = peers.get(0);
    assertThat(paused.channelForTesting().getView().getCoord())
        .as("n0 started first, so it coordinates").isEqualTo(Faults.address(paused));
    ViewId stale = paused.channelForTesting().getView().getViewId();
    List<MergeRecorder> recorders = peers.stream().map(StaleCoordinatorMergeTest::recorder).toList();

    List<JGroupsPeer> others = peers.subList(1, 3);
    Faults.cut(List.of(List.of(paused), others));
    Faults.injectView(others);
    paused.channel(KEY).orElseThrow().broadcast(states.get(0).put("on-resume", "v"));
    long resumed = System.nanoTime();
    Faults.heal(peers);

    ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers, 3);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (LwwMapState s : states) {
        assertThat(s.get("on-resume")).as("%s", s).isPresent();
      }
    });
    System.out.printf("FAULT | 3 peers, the coordinator paused and resumed with its old view | one "
        + "view and the write everywhere after %d ms%n", (System.nanoTime() - resumed) / 1_000_000);

    List<Map<Address, View>> merges = new ArrayList<>();
    recorders.forEach(r -> merges.addAll(r.merges));
    assertThat(merges).as("a merge of n0's old view %s with {n1, n2}", stale)
        .anySatisfy(m -> assertThat(m.get(Faults.address(paused)).getViewId()).isEqualTo(stale));
    for (Map<Address, View> m : merges) {
      // the same view may be reported by two of its members; a member in two different views is
      // what must not reach GMS
      Map<Address, ViewId> viewOf = new HashMap<>();
      m.values().forEach(view -> view.getMembers().forEach(member -> {
        ViewId before = viewOf.put(member, view.getViewId());
        assertThat(before == null || before.equals(view.getViewId()))
            .as("member %s in two subgroups (views %s and %s) of the MERGE event %s: a stale view "
                + "kept it, and the merge waits for a digest it drops (stack.MergeViews)",
                member, before, view.getViewId(), m)
            .isTrue();
      }));
    }
  }
}
