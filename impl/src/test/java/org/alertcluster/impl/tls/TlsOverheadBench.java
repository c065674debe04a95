package org.alertcluster.impl.tls;

import static org.alertcluster.impl.bench.PropagationLoop.SIZE;
import static org.alertcluster.impl.bench.PropagationLoop.pct;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.api.Channel;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.impl.bench.PropagationLoop;
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

  private static final int THROUGHPUT_MESSAGES = 40_000;
  private static final int BATCH = 2_000; // below the send queue's 4096, so nothing is pruned

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
    try (PropagationLoop.Cluster c = PropagationLoop.start("bench-" + name, 3, tls == null ? null : tls::get)) {
      List<Long> all = c.latencies();
      List<PropagationLoop.Probe> probes = c.probes();
      probes.forEach(p -> p.recordLatency = false);
      long base1 = probes.get(1).merged.get();
      long base2 = probes.get(2).merged.get();
      Channel ch = c.peers().get(0).channel("lat").orElseThrow();
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
      return new Result(pct(all, 50), pct(all, 99), THROUGHPUT_MESSAGES / seconds, c.joinToReadyMillis());
    }
  }
}
