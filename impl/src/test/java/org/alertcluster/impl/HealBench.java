package org.alertcluster.impl;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints (does not assert) how long five peers with the <em>default</em> timings take to become
 * whole: started together, a 3+2 partition healed, one peer's links down and up, one peer paused
 * (all its traffic dropped, the in-JVM stand-in for SIGSTOP) past failure detection and resumed
 * with a write right after. Partitions are real (DISCARD, failure detection splits the views), not
 * injected. Skipped unless {@code -Dbench=true}:
 * {@code mvn -pl impl -am verify -Dtest=HealBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class HealBench {

  private static final int N = 5;
  private final List<JGroupsPeer> peers = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  @Test
  void defaultsFormationPartitionLinkAndPause() throws Exception {
    String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> addrs = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      int port = FreePorts.next();
      ports.add(port);
      addrs.add("127.0.0.1:" + port);
    }
    long launch = System.nanoTime();
    List<CompletableFuture<JGroupsPeer>> starting = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ClusterConfig c = ClusterConfig.builder().clusterName(cluster).nodeName("p" + i)
          .bindAddress(addrs.get(i)).knownPeers(addrs)
          .joinTimeout(Duration.ofMillis(Long.getLong("bench.joinTimeoutMs", 2000))).build();
      starting.add(CompletableFuture.supplyAsync(() -> JGroupsPeer.start(c)));
    }
    long lastUp = 0;
    for (CompletableFuture<JGroupsPeer> f : starting) {
      peers.add(f.get());
      lastUp = Math.max(lastUp, System.nanoTime());
    }
    long whole = until(() -> peers.stream().allMatch(p -> p.clusterSize() == N));
    report("5 started together: all list 5", "after the last start() returned",
        whole - lastUp, "from launch " + ms(whole - launch));

    List<LwwMapState> states = new ArrayList<>();
    for (JGroupsPeer p : peers) {
      LwwMapState s = new LwwMapState("bench");
      p.addState(s);
      states.add(s);
    }

    // 3+2 partition, writes on both sides, healed.
    List<JGroupsPeer> a = peers.subList(0, 3);
    List<JGroupsPeer> b = peers.subList(3, 5);
    Faults.cut(List.of(a, b));
    until(() -> a.stream().allMatch(p -> p.clusterSize() == 3)
        && b.stream().allMatch(p -> p.clusterSize() == 2));
    write(0, states, "left-side");
    write(3, states, "right-side");
    long healed = System.nanoTime();
    Faults.heal(peers);
    long views = until(() -> peers.stream().allMatch(p -> p.clusterSize() == N));
    long data = until(() -> states.stream().allMatch(
        s -> s.get("left-side").isPresent() && s.get("right-side").isPresent()));
    report("3+2 partition healed: all list 5 and hold both sides' writes", "after heal",
        Math.max(views, data) - healed, "views " + ms(views - healed));

    // One peer's links down past failure detection, then up (a write on the others meanwhile).
    JGroupsPeer lone = peers.get(4);
    Faults.cut(List.of(peers.subList(0, 4), List.of(lone)));
    until(() -> lone.clusterSize() == 1 && peers.get(0).clusterSize() == 4);
    write(1, states, "while-down");
    long up = System.nanoTime();
    Faults.heal(peers);
    views = until(() -> peers.stream().allMatch(p -> p.clusterSize() == N));
    data = until(() -> states.get(4).get("while-down").isPresent());
    report("one peer's links down past failure detection, then up: back and in sync",
        "after links up", Math.max(views, data) - up, "views " + ms(views - up));

    // One peer paused (drops everything, sends nothing), resumed, written to at once.
    JGroupsPeer paused = peers.get(2);
    Faults.discard(paused).discardAll(true);
    until(() -> peers.get(0).clusterSize() == 4);
    long resumed = System.nanoTime();
    Faults.heal(peers);
    write(2, states, "right-after-resume");
    views = until(() -> peers.stream().allMatch(p -> p.clusterSize() == N));
    data = until(() -> states.stream().allMatch(s -> s.get("right-after-resume").isPresent()));
    report("one peer paused past failure detection, resumed, written to at once: all have it",
        "after resume", Math.max(views, data) - resumed, "views " + ms(views - resumed));
  }

  private void write(int i, List<LwwMapState> states, String id) {
    peers.get(i).channel("bench").orElseThrow().broadcast(states.get(i).put(id, id));
  }

  private static long until(BooleanSupplier condition) {
    await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(90))
        .until(condition::getAsBoolean);
    return System.nanoTime();
  }

  private static String ms(long nanos) {
    return nanos / 1_000_000 + " ms";
  }

  private static void report(String scenario, String from, long nanos, String detail) {
    System.out.printf("HEAL-BENCH | %s | %s %s (%s)%n", scenario, ms(nanos), from, detail);
  }

}
