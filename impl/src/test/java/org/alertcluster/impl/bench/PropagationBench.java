package org.alertcluster.impl.bench;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.alertcluster.impl.stack.LocalAddresses;
import org.alertcluster.impl.stack.StackBuilder;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints (does not assert) broadcast propagation latency for 3 peers in one JVM at a modest rate,
 * next to a baseline of raw JGroups channels on the same stack in the same run, and join-to-ready
 * times. Skipped unless {@code -Dbench=true}:
 * {@code mvn -o -pl impl -am verify -Dtest=PropagationBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PropagationBench {

  private static final int MESSAGES = 1000;
  private static final long GAP_NANOS = 5_000_000; // 200 messages per second

  /** Records now − (timestamp in the first 8 bytes) for every merged buffer. */
  static final class LatencyState implements State {
    final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String key() {
      return "lat";
    }

    @Override
    public byte[] marshalBinary() {
      return new byte[0];
    }

    @Override
    public void merge(byte[] data) {
      if (data.length >= 8) {
        micros.add((System.nanoTime() - ByteBuffer.wrap(data).getLong()) / 1000);
      }
    }
  }

  private static ClusterConfig.Builder config(String cluster) {
    return ClusterConfig.builder().clusterName(cluster).bindAddress("127.0.0.1:0")
        .settleInterval(Duration.ofMillis(100)).settleStablePolls(2)
        .joinTimeout(Duration.ofMillis(500)).pushPullInterval(Duration.ofMinutes(5));
  }

  private static byte[] stamp(int size) {
    return ByteBuffer.allocate(size).putLong(System.nanoTime()).array();
  }

  private static void pace(long startNanos, int i) {
    long due = startNanos + i * GAP_NANOS;
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  @Test
  void printPropagationAndJoinToReady() throws Exception {
    // Baseline: raw JGroups channels, same stack, same payload, same pacing.
    List<JChannel> raw = new ArrayList<>();
    List<List<Long>> rawLat = new ArrayList<>();
    ClusterConfig rc = config("bench-raw").build();
    InetSocketAddress first = null;
    for (int i = 0; i < 3; i++) {
      LocalAddresses.Endpoints ep = StackBuilder.pickFreePort(LocalAddresses.of(rc));
      if (first == null) {
        first = new InetSocketAddress(ep.bindAddress(), ep.bindPort());
      }
      JChannel ch = StackBuilder.create(rc, ep, Set.of(first));
      List<Long> lat = Collections.synchronizedList(new ArrayList<>());
      ch.setReceiver(new Receiver() {
        @Override
        public void receive(Message msg) {
          lat.add((System.nanoTime() - ByteBuffer.wrap(msg.getArray(), msg.getOffset(), 8).getLong()) / 1000);
        }
      });
      ch.connect("bench-raw");
      raw.add(ch);
      rawLat.add(lat);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> raw.get(2).getView().size() == 3);
    long t0 = System.nanoTime();
    for (int i = 0; i < MESSAGES; i++) {
      pace(t0, i);
      raw.get(0).send(new BytesMessage(null, stamp(200)).setFlag(Message.Flag.OOB)
          .setFlag(Message.TransientFlag.DONT_LOOPBACK));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> rawLat.get(1).size() == MESSAGES && rawLat.get(2).size() == MESSAGES);
    raw.forEach(JChannel::close);

    // alertcluster peers.
    List<Peer> peers = new ArrayList<>();
    List<LatencyState> states = new ArrayList<>();
    List<Long> joinToReadyMillis = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ClusterConfig.Builder b = config("bench-ac");
      if (!peers.isEmpty()) {
        b.knownPeers(List.of(peers.get(0).self().address()));
      }
      long start = System.nanoTime();
      Peer p = Peers.create(b.build());
      LatencyState s = new LatencyState();
      p.addState(s);
      p.awaitReady(Duration.ofSeconds(20));
      joinToReadyMillis.add((System.nanoTime() - start) / 1_000_000);
      peers.add(p);
      states.add(s);
    }
    Channel ch = peers.get(0).channel("lat").orElseThrow();
    t0 = System.nanoTime();
    for (int i = 0; i < MESSAGES; i++) {
      pace(t0, i);
      ch.broadcast(stamp(200));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> states.get(1).micros.size() == MESSAGES
        && states.get(2).micros.size() == MESSAGES);
    peers.forEach(Peer::close);

    List<Long> rawAll = new ArrayList<>(rawLat.get(1));
    rawAll.addAll(rawLat.get(2));
    List<Long> acAll = new ArrayList<>(states.get(1).micros);
    acAll.addAll(states.get(2).micros);
    System.out.printf("%nPropagation, N=3, %d x 200-byte broadcasts at 200/s, both receivers:%n", MESSAGES);
    System.out.printf("  raw JGroups (same stack)  p50 %6d us  p99 %6d us%n", pct(rawAll, 50), pct(rawAll, 99));
    System.out.printf("  alertcluster Channel      p50 %6d us  p99 %6d us  (ratio p50 %.2f, p99 %.2f)%n",
        pct(acAll, 50), pct(acAll, 99), (double) pct(acAll, 50) / Math.max(1, pct(rawAll, 50)),
        (double) pct(acAll, 99) / Math.max(1, pct(rawAll, 99)));
    System.out.printf("Join-to-ready (create .. awaitReady; joinTimeout 500 ms, 2 polls x 100 ms): %s ms%n",
        joinToReadyMillis);
  }

  private static long pct(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
