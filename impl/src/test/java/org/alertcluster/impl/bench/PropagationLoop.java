package org.alertcluster.impl.bench;

import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.alertcluster.api.TlsConfig;

/**
 * The one measurement loop of impl's printing benchmarks ({@link PropagationBench},
 * {@code tls.TlsOverheadBench}): N peers in this JVM, each with a {@link Probe} State; stamped
 * broadcasts sent at a fixed rate from peer 0; the latency each receiver saw. Raw JGroups baselines
 * use the same pacing and stamps through {@link #sendPaced}.
 */
public final class PropagationLoop {

  /** Messages per latency run. */
  public static final int MESSAGES = 1000;
  /** 200 messages per second. */
  public static final long GAP_NANOS = 5_000_000;
  /** Payload size in bytes. */
  public static final int SIZE = 200;

  private PropagationLoop() {}

  /** Sends one payload. */
  @FunctionalInterface
  public interface Sender {
    void send(byte[] payload) throws Exception;
  }

  /** Records the latency of stamped buffers and counts every merge. */
  public static final class Probe implements State {
    public final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    public final AtomicLong merged = new AtomicLong();
    public volatile boolean recordLatency = true;

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
      if (recordLatency && data.length >= 8) {
        micros.add(latencyMicros(data, 0));
      }
      merged.incrementAndGet();
    }
  }

  /** Peers started one after another, with their probes and create-to-ready times. */
  public record Cluster(List<Peer> peers, List<Probe> probes, List<Long> joinToReadyMillis) implements AutoCloseable {
    @Override
    public void close() {
      peers.forEach(Peer::close);
    }

    /** Sends the latency run from peer 0 and returns every receiver's latencies, pooled. */
    public List<Long> latencies() throws Exception {
      var ch = peers.get(0).channel("lat").orElseThrow();
      sendPaced(ch::broadcast);
      await().atMost(Duration.ofSeconds(30)).until(() -> probes.subList(1, probes.size()).stream()
          .allMatch(p -> p.micros.size() >= MESSAGES));
      List<Long> all = new ArrayList<>();
      probes.subList(1, probes.size()).forEach(p -> all.addAll(p.micros));
      return all;
    }
  }

  /** The configuration every run uses: loopback, quick join and settle, no anti-entropy during a run. */
  public static ClusterConfig.Builder config(String cluster) {
    return ClusterConfig.builder().clusterName(cluster).bindAddress("127.0.0.1:0")
        .settleInterval(Duration.ofMillis(100)).settleStablePolls(2)
        .joinTimeout(Duration.ofMillis(500)).pushPullInterval(Duration.ofMinutes(5));
  }

  /**
   * Starts {@code n} peers, each joining the first, and waits until every one sees all.
   *
   * @param cluster the cluster name
   * @param n how many peers
   * @param tls peer {@code i}'s TLS settings, or null for plaintext
   */
  public static Cluster start(String cluster, int n, IntFunction<TlsConfig> tls) throws InterruptedException {
    List<Peer> peers = new ArrayList<>();
    List<Probe> probes = new ArrayList<>();
    List<Long> joins = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ClusterConfig.Builder b = config(cluster);
        if (tls != null) {
          b.tls(tls.apply(i));
        }
        if (!peers.isEmpty()) {
          b.knownPeers(List.of(peers.get(0).self().address()));
        }
        long start = System.nanoTime();
        Peer p = Peers.create(b.build());
        peers.add(p);
        Probe probe = new Probe();
        p.addState(probe);
        p.awaitReady(Duration.ofSeconds(30));
        joins.add((System.nanoTime() - start) / 1_000_000);
        probes.add(probe);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> peers.stream().allMatch(p -> p.clusterSize() == n));
    } catch (RuntimeException | InterruptedException e) {
      peers.forEach(Peer::close);
      throw e;
    }
    return new Cluster(peers, probes, joins);
  }

  /** Sends {@link #MESSAGES} payloads of {@link #SIZE} bytes, stamped with {@code nanoTime}, one per {@link #GAP_NANOS}. */
  public static void sendPaced(Sender sender) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < MESSAGES; i++) {
      long due = t0 + i * GAP_NANOS;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      sender.send(ByteBuffer.allocate(SIZE).putLong(System.nanoTime()).array());
    }
  }

  /** @return now minus the stamp at {@code offset}, in microseconds */
  public static long latencyMicros(byte[] buf, int offset) {
    return (System.nanoTime() - ByteBuffer.wrap(buf, offset, 8).getLong()) / 1000;
  }

  /** @return the {@code p}th percentile (nearest rank) */
  public static long pct(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
