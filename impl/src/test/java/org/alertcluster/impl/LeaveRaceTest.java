package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful leaves one after another, under CPU load: each is reported once, as {@code left}, by
 * every member that saw it, and none waits out its timeout. Found as {@code [left:X, failed:X]} in
 * the kit's leave01 on a busy machine, and a leave of 10 010 ms between two of 19 ms and 2 ms.
 * Injects: two busy threads for the whole test; 6 rounds of 3 peers leaving in start order
 * (coordinator first, so every leave but the last hands the coordinator role on).
 */
class LeaveRaceTest {

  private static final int ROUNDS = 6;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<JGroupsPeer> started = new ArrayList<>();
  /** Busy threads, one per core, started by the tests that want them (CpuLoad's). */
  private CpuLoad.Load load;

  @AfterEach
  void cleanUp() throws InterruptedException {
    // Load stops first: leaves run unloaded and the next test starts on idle cores.
    if (load != null) {
      load.close();
    }
    started.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  /** Observer name to the names it saw join (the early-leave test asks who saw the leaver). */
  private final Map<String, List<String>> joins = new ConcurrentHashMap<>();

  private boolean sawJoin(JGroupsPeer observer, String name) {
    return joins.getOrDefault(observer.name(), List.of()).contains(name);
  }

  private void startLoad() {
    load = new CpuLoad.Load();
  }


  private JGroupsPeer start(String cluster, String name, List<JGroupsPeer> peers,
      Map<String, List<String>> seen) {
    var b = PeerCluster.testDefaults(cluster, FreePorts.next()).nodeName(name);
    if (!peers.isEmpty()) {
      b.knownPeers(List.of(peers.get(0).self().address()));
    }
    JGroupsPeer p = JGroupsPeer.start(b.build());
    started.add(p);
    peers.add(p);
    List<String> events = new CopyOnWriteArrayList<>();
    seen.put(p.name(), events);
    p.addMembershipListener(new MembershipListener() {
      @Override
      public void joined(Member m) {
        joins.computeIfAbsent(p.name(), k -> new CopyOnWriteArrayList<>()).add(m.name());
      }

      @Override
      public void left(Member m) {
        events.add("left:" + m.name());
      }

      @Override
      public void failed(Member m) {
        events.add("failed:" + m.name());
      }
    });
    return p;
  }

  /**
   * The early-leave race, as a user meets it: the third peer leaves 0 to 150 ms after its join
   * returned, before the others' views and merge detection have caught up. Before the fixes, 1 in
   * 25 such leaves was reported {@code failed} by one member (its goodbye overtook the view that
   * added it) and, under load, 2 in 25 took 2.2 s (merged back in by a stale view report, see
   * {@link EarlyLeaveMergeTest}). Injects: two busy threads; 8 rounds. Must hold: both others report
   * the leave once, as {@code left}; nobody is reported failed; no leave waits for its timeout.
   */
  @Test
  void leavesRightAfterJoiningUnderLoadAreReportedOnceAsLeft() throws InterruptedException {
    startLoad();
    List<Long> durations = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      final int round = r;
      String cluster = "early-" + round + "-" + System.nanoTime();
      List<JGroupsPeer> peers = new ArrayList<>();
      Map<String, List<String>> seen = new ConcurrentHashMap<>();
      for (int i = 0; i < 3; i++) {
        start(cluster, "e" + round + "p" + i, peers, seen);
      }
      String leaver = peers.get(2).name();
      // Under load the leaver's own join may time out (it then starts alone and is merged later):
      // the round needs it to have joined at least the peer it joined through.
      await().atMost(Duration.ofSeconds(10)).until(() -> sawJoin(peers.get(0), leaver));
      // The fault: the leave starts 0 to 140 ms after the first member saw the join.
      long leaveMillis = CompletableFuture.supplyAsync(() -> {
        long t0 = System.nanoTime();
        peers.get(2).leave(TIMEOUT);
        return (System.nanoTime() - t0) / 1_000_000;
      }, CompletableFuture.delayedExecutor(round * 20L, TimeUnit.MILLISECONDS)).join();
      durations.add(leaveMillis);
      // Every member that saw the leaver join reports its leave once, as left; under load a peer
      // whose own join timed out may still be alone (merged later) and never see the leaver: it
      // then reports nothing about it, and never "failed".
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        for (int i = 0; i < 2; i++) {
          List<String> events = seen.get(peers.get(i).name());
          if (sawJoin(peers.get(i), leaver)) {
            assertThat(events).as("events on %s (round %d)", peers.get(i).name(), round)
                .contains("left:" + leaver);
          }
        }
      });
      await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
        for (int i = 0; i < 2; i++) {
          List<String> events = seen.get(peers.get(i).name());
          assertThat(events).as("events on %s (round %d)", peers.get(i).name(), round)
              .isEqualTo(sawJoin(peers.get(i), leaver) ? List.of("left:" + leaver) : List.of());
        }
      });
      peers.get(0).leave(Duration.ofSeconds(2));
      peers.get(1).leave(Duration.ofSeconds(2));
    }
    System.out.println("Leave right after joining, under load (ms): " + durations);
    assertThat(durations).as("leave durations in ms; a leave must not wait out its %s timeout",
        TIMEOUT).allMatch(d -> d < TIMEOUT.toMillis() / 10);
  }

  @Test
  void sequentialLeavesUnderLoadAreReportedOnceAsLeftAndFinishFarBeforeTheTimeout() {
    startLoad();
    List<Long> durations = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      final int round = r;
      String cluster = "leave-" + round + "-" + System.nanoTime();
      List<JGroupsPeer> peers = new ArrayList<>();
      Map<String, List<String>> seen = new ConcurrentHashMap<>();
      for (int i = 0; i < 3; i++) {
        start(cluster, "r" + round + "p" + i, peers, seen);
      }
      ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers, 3);
      for (JGroupsPeer p : peers) {
        long t0 = System.nanoTime();
        p.leave(TIMEOUT);
        durations.add((System.nanoTime() - t0) / 1_000_000);
      }
      // The first leave is seen as left by both others; no leave is ever reported twice or as a
      // failure. (A peer that leaves a few milliseconds after another may itself be gone before
      // the view without that other arrives: it then reports nothing more, which is fine.)
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        for (int i = 1; i < 3; i++) {
          assertThat(seen.get(peers.get(i).name())).as("events seen by %s (round %d)",
              peers.get(i).name(), round).startsWith("left:" + peers.get(0).name());
        }
      });
      await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
        for (int i = 0; i < 3; i++) {
          List<String> events = seen.get(peers.get(i).name());
          assertThat(events).as("events seen by %s (round %d)", peers.get(i).name(), round)
              .doesNotHaveDuplicates().allMatch(e -> e.startsWith("left:"));
          for (String e : events) {
            int leaver = peers.stream().map(JGroupsPeer::name).toList().indexOf(e.substring(5));
            assertThat(leaver).as("%s reported by %s", e, peers.get(i).name()).isLessThan(i);
          }
        }
      });
    }
    System.out.println("Sequential leave durations under load (ms): " + durations);
    assertThat(durations).as("leave durations in ms; a leave must not wait out its %s timeout",
        TIMEOUT).allMatch(d -> d < TIMEOUT.toMillis() / 3);
  }
}
