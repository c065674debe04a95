package org.alertcluster.benchmarks.core;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.alertcluster.benchmarks.report.Report;
import org.alertcluster.benchmarks.report.Samples;

/**
 * The core against raw JGroups channels on the same stack, in this JVM: delivery-to-all latency of
 * 300-byte broadcasts at 3, 5 and 10 members, throughput of 300 B and 100 KB broadcasts, a joiner's
 * sync with 10 000 and 100 000 silences, a closed member out of the views, heap per idle member.
 *
 * <p>The machine is shared and noisy: each latency and throughput figure is measured in two rounds,
 * raw and alertcluster alternating (raw, ac, raw, ac), and the rounds are pooled.
 */
public final class CoreBench {

  private static final String SECTION = "core";
  private static final String RAW = "raw JGroups";
  private final Report report;
  private final boolean quick;

  /**
   * @param report where figures go
   * @param quick fewer messages and members (a smoke run)
   */
  public CoreBench(Report report, boolean quick) {
    this.report = report;
    this.quick = quick;
  }

  /** Runs every core figure. */
  public void run() throws Exception {
    for (int n : quick ? new int[] {3} : new int[] {3, 5, 10}) {
      latency(n);
    }
    throughput(300, quick ? 3_000 : 20_000, 1_000);
    throughput(100 * 1024, quick ? 60 : 400, 40);
    for (int entries : quick ? new int[] {10_000} : new int[] {10_000, 100_000}) {
      JoinerBench.run(report, entries);
    }
    closedMemberOut();
    heapPerIdleMember(quick ? 3 : 5);
  }

  // --- latency ---------------------------------------------------------------------------------

  private void latency(int n) throws Exception {
    int messages = quick ? 300 : 1000;
    long gapNanos = 2_000_000; // 500 per second
    Samples raw = new Samples(RAW + ", N=" + n);
    Samples ac = new Samples("alertcluster, N=" + n);
    for (int round = 0; round < 2; round++) {
      latencyRound(true, n, messages / 2, gapNanos, raw);
      latencyRound(false, n, messages / 2, gapNanos, ac);
    }
    String fig = "300 B broadcast delivered to all, N=" + n + ", 500/s";
    report.plain(SECTION, fig + ", p50", "us", ac.percentile(50), raw.percentile(50), RAW, true, "");
    report.ratio(SECTION, fig + ", p99", "us", ac.percentile(99), raw.percentile(99), RAW, true, 1.3, "");
    report.plain(SECTION, fig + ", max", "us", ac.max(), raw.max(), RAW, true, "");
    report.panel("300 B delivered to all, N=" + n + " (us)", ac, raw);
  }

  private void latencyRound(boolean rawKind, int n, int messages, long gapNanos, Samples out) throws Exception {
    // arrival[member * messages + seq] = nanoTime at delivery
    AtomicLongArray arrival = new AtomicLongArray(n * messages);
    long[] sentAt = new long[messages];
    BenchGroup.Recorder rec = (member, buf, off, len) -> {
      if (len >= 12) {
        int seq = ByteBuffer.wrap(buf, off + 8, 4).getInt();
        if (seq >= 0 && seq < messages) {
          arrival.compareAndSet(member * messages + seq, 0, System.nanoTime());
        }
      }
    };
    try (BenchGroup g = rawKind ? Groups.raw(n, rec) : Groups.peers(n, rec)) {
      // Warm-up: a few messages not counted (seq -1).
      for (int i = 0; i < 50; i++) {
        g.broadcast(ByteBuffer.allocate(300).putLong(System.nanoTime()).putInt(-1).array());
        LockSupport.parkNanos(gapNanos);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        pace(t0, i, gapNanos);
        byte[] p = new byte[300];
        long now = System.nanoTime();
        ByteBuffer.wrap(p).putLong(now).putInt(i);
        sentAt[i] = now;
        g.broadcast(p);
      }
      awaitAll(arrival, n, messages, Duration.ofSeconds(30), g.kind());
    }
    for (int i = 0; i < messages; i++) {
      long last = 0;
      for (int m = 1; m < n; m++) {
        last = Math.max(last, arrival.get(m * messages + i));
      }
      out.add((last - sentAt[i]) / 1000.0);
    }
  }

  private static void awaitAll(AtomicLongArray arrival, int n, int messages, Duration timeout, String kind) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = 0;
    int total = (n - 1) * messages;
    while (next < total) {
      int m = 1 + next / messages;
      int i = next % messages;
      if (arrival.get(m * messages + i) != 0) {
        next++;
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(kind + ": message " + i + " never reached member " + m + " (lost)");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  private static void pace(long t0, int i, long gap) {
    long due = t0 + i * gap;
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  // --- throughput ------------------------------------------------------------------------------

  private void throughput(int size, int messages, int window) throws Exception {
    double[] raw = new double[2];
    double[] ac = new double[2];
    long lost = 0;
    for (int round = 0; round < 2; round++) {
      raw[round] = throughputRound(true, size, messages / 2, window)[0];
      double[] r = throughputRound(false, size, messages / 2, window);
      ac[round] = r[0];
      lost += (long) r[1];
    }
    double rawMean = (raw[0] + raw[1]) / 2;
    double acMean = (ac[0] + ac[1]) / 2;
    String what = size >= 1024 ? (size / 1024) + " KB" : size + " B";
    String note = lost == 0 ? "nothing lost" : lost + " dropped by alertcluster's queues";
    report.ratio(SECTION, what + " broadcasts to 2 members, sustained, delivered to all", "msg/s", acMean,
        rawMean, RAW, false, 0.8, note);
  }

  /** @return {messages per second delivered to all, dropped} */
  private double[] throughputRound(boolean rawKind, int size, int messages, int window) throws Exception {
    int n = 3;
    AtomicLongArray counts = new AtomicLongArray(n);
    BenchGroup.Recorder rec = (member, buf, off, len) -> counts.incrementAndGet(member);
    try (BenchGroup g = rawKind ? Groups.raw(n, rec) : Groups.peers(n, rec)) {
      byte[] payload = new byte[size];
      Arrays.fill(payload, (byte) 7);
      long t0 = System.nanoTime();
      long deadline = t0 + Duration.ofSeconds(120).toNanos();
      for (int i = 0; i < messages; i++) {
        // A window keeps alertcluster's bounded queue from pruning (it never blocks the caller).
        while (i - Math.min(counts.get(1), counts.get(2)) >= window) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(g.kind() + ": throughput run stalled at " + i);
          }
          LockSupport.parkNanos(20_000);
        }
        g.broadcast(payload);
      }
      while (Math.min(counts.get(1), counts.get(2)) < messages) {
        if (System.nanoTime() > deadline) {
          return new double[] {messages / ((System.nanoTime() - t0) / 1e9), messages - Math.min(counts.get(1), counts.get(2))};
        }
        LockSupport.parkNanos(100_000);
      }
      return new double[] {messages / ((System.nanoTime() - t0) / 1e9), g.dropped()};
    }
  }

  // --- closed member ---------------------------------------------------------------------------

  private void closedMemberOut() throws Exception {
    double raw = closedRound(true);
    double ac = closedRound(false);
    report.plain(SECTION, "closed member out of the others' views, N=3", "ms", ac, raw, RAW, true,
        "alertcluster waits for every member to acknowledge its goodbye");
  }

  private static double closedRound(boolean rawKind) throws Exception {
    BenchGroup.Recorder none = (m, b, o, l) -> { };
    try (BenchGroup g = rawKind ? Groups.raw(3, none) : Groups.peers(3, none)) {
      long t0 = System.nanoTime();
      g.closeMember(2);
      long deadline = t0 + Duration.ofSeconds(30).toNanos();
      while (g.viewSize(0) != 2 || g.viewSize(1) != 2) {
        if (System.nanoTime() > deadline) {
          return Double.NaN;
        }
        LockSupport.parkNanos(500_000);
      }
      return (System.nanoTime() - t0) / 1e6;
    }
  }

  // --- heap ------------------------------------------------------------------------------------

  private void heapPerIdleMember(int k) throws Exception {
    double raw = heapRound(true, k);
    double ac = heapRound(false, k);
    report.plain(SECTION, "heap retained per idle member (" + k + " members, after full GC)", "MB", ac, raw,
        RAW, true, "");
  }

  private static double heapRound(boolean rawKind, int k) throws Exception {
    long before = usedAfterGc();
    BenchGroup.Recorder none = (m, b, o, l) -> { };
    try (BenchGroup g = rawKind ? Groups.raw(k, none) : Groups.peers(k, none)) {
      Thread.sleep(500); // idle
      long after = usedAfterGc();
      return (after - before) / (double) k / (1024 * 1024);
    }
  }

  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
