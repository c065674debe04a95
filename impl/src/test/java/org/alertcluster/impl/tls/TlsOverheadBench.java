package org.alertcluster.impl.tls;

import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.alertcluster.api.TlsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints (does not assert) what mutual TLS costs: propagation p50/p99 at a modest rate, broadcast
 * throughput, and join-to-ready, for 3 peers with TLS next to 3 plaintext peers measured in the same
 * run. Skipped unless {@code -Dbench=true}:
 * {@code mvn -o -pl impl -am verify -Dtest=TlsOverheadBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TlsOverheadBench {

  private static final int LATENCY_MESSAGES = 1000;
  private static final long GAP_NANOS = 5_000_000; // 200 per second
  private static final int THROUGHPUT_MESSAGES = 40_000;
  private static final int BATCH = 2_000; // below the send queue's 4096, so nothing is pruned
  private static final int SIZE = 200;

  /** Records latency of stamped buffers and counts every merge. */
  static final class Probe implements State {
    final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong merged = new AtomicLong();
    volatile boolean recordLatency = true;

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
        micros.add((System.nanoTime() - ByteBuffer.wrap(data).getLong()) / 1000);
      }
      merged.incrementAndGet();
    }
  }

  record Result(long p50, long p99, double msgsPerSecond, List<Long> joinToReadyMillis) {}

  @Test
  void printTlsOverhead() throws Exception {
    Path dir = Files.createTempDirectory("tls-bench");
    TestPki pki = new TestPki(dir);
    TestPki.Ca ca = pki.ca("bench-ca");
    List<TlsConfig> tls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TestPki.PeerFiles f = pki.issue(ca, "p" + i, TestPki.spec().cn("p" + i));
      tls.add(TlsConfig.builder().certificateFile(f.cert().toString())
          .keyFile(f.key().toString()).caFile(f.ca().toString()).build());
    }
    // Warm up the JIT and the JDK's TLS code once, then measure plaintext and TLS alternately.
    run("warm", tls);
    Result plain = run("plain", null);
    Result secure = run("tls", tls);
    System.out.printf("%nTLS overhead, N=3, %d-byte broadcasts, both receivers (same JVM, 127.0.0.1):%n",
        SIZE);
    System.out.printf("  propagation at 200/s  plaintext p50 %6d us  p99 %6d us%n", plain.p50, plain.p99);
    System.out.printf("                        mTLS      p50 %6d us  p99 %6d us  (ratio p50 %.2f, p99 %.2f)%n",
        secure.p50, secure.p99, (double) secure.p50 / Math.max(1, plain.p50),
        (double) secure.p99 / Math.max(1, plain.p99));
    System.out.printf("  throughput            plaintext %8.0f msg/s   mTLS %8.0f msg/s  (ratio %.2f)%n",
        plain.msgsPerSecond, secure.msgsPerSecond, secure.msgsPerSecond / plain.msgsPerSecond);
    System.out.printf("  join-to-ready         plaintext %s ms   mTLS %s ms%n",
        plain.joinToReadyMillis, secure.joinToReadyMillis);
  }

  private static Result run(String name, List<TlsConfig> tls) throws Exception {
    List<Peer> peers = new ArrayList<>();
    List<Probe> probes = new ArrayList<>();
    List<Long> joins = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        ClusterConfig.Builder b = ClusterConfig.builder().clusterName("bench-" + name)
            .bindAddress("127.0.0.1:0").settleInterval(Duration.ofMillis(100))
            .settleStablePolls(2).joinTimeout(Duration.ofMillis(500))
            .pushPullInterval(Duration.ofMinutes(5));
        if (tls != null) {
          b.tls(tls.get(i));
        }
        if (!peers.isEmpty()) {
          b.knownPeers(List.of(peers.get(0).self().address()));
        }
        long start = System.nanoTime();
        Peer p = Peers.create(b.build());
        Probe probe = new Probe();
        p.addState(probe);
        p.awaitReady(Duration.ofSeconds(30));
        joins.add((System.nanoTime() - start) / 1_000_000);
        peers.add(p);
        probes.add(probe);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> peers.get(2).clusterSize() == 3
          && peers.get(0).clusterSize() == 3);
      Channel ch = peers.get(0).channel("lat").orElseThrow();
      long t0 = System.nanoTime();
      for (int i = 0; i < LATENCY_MESSAGES; i++) {
        long due = t0 + i * GAP_NANOS;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        ch.broadcast(ByteBuffer.allocate(SIZE).putLong(System.nanoTime()).array());
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> probes.get(1).micros.size() == LATENCY_MESSAGES
          && probes.get(2).micros.size() == LATENCY_MESSAGES);
      List<Long> all = new ArrayList<>(probes.get(1).micros);
      all.addAll(probes.get(2).micros);

      probes.forEach(p -> p.recordLatency = false);
      long base1 = probes.get(1).merged.get();
      long base2 = probes.get(2).merged.get();
      byte[] payload = new byte[SIZE];
      long start = System.nanoTime();
      for (int sent = 0; sent < THROUGHPUT_MESSAGES; sent += BATCH) {
        for (int i = 0; i < BATCH; i++) {
          ch.broadcast(payload);
        }
        long target = sent + BATCH;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
            .until(() -> probes.get(1).merged.get() - base1 >= target
                && probes.get(2).merged.get() - base2 >= target);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(pct(all, 50), pct(all, 99), THROUGHPUT_MESSAGES / seconds, joins);
    } finally {
      peers.forEach(Peer::close);
    }
  }

  private static long pct(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
