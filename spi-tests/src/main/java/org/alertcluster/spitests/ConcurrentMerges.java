package org.alertcluster.spitests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.alertcluster.api.State;
import org.alertcluster.spitests.support.Bytes;

/**
 * One round of the concurrency rule: several threads merge disjoint slices of a list of deltas into
 * one State while another thread marshals it over and over, as the peer's receive threads and its
 * anti-entropy thread do. The result must equal merging the same deltas one by one; every snapshot
 * taken on the way must be mergeable. Bounded by a deadline; threads are daemons so that a State that
 * deadlocks cannot keep the JVM alive.
 */
final class ConcurrentMerges<S extends State> {

  /** Threads taking snapshots: two, as anti-entropy and a joining peer's exchange can overlap. */
  private static final int MARSHALLERS = 2;

  private final StateHarness<S> harness;
  private final int threads;
  private final int mergesPerThread;
  private final int deltaUpdates;
  private final Duration timeout;

  ConcurrentMerges(StateHarness<S> harness, int threads, int mergesPerThread, int deltaUpdates,
      Duration timeout) {
    this.harness = harness;
    this.threads = threads;
    this.mergesPerThread = mergesPerThread;
    this.deltaUpdates = Math.max(1, deltaUpdates);
    this.timeout = timeout;
  }

  Finding run(long seed) throws InterruptedException {
    List<byte[]> deltas = new ArrayList<>(threads * mergesPerThread);
    for (int i = 0; i < threads * mergesPerThread; i++) {
      deltas.add(harness.build(seed, 100 + i, 1 + i % deltaUpdates).marshalBinary());
    }
    // Preload a tenth serially so that each snapshot takes a while and overlaps many merges.
    int preload = deltas.size() / 10;
    S shared = harness.create();
    for (byte[] delta : deltas.subList(0, preload)) {
      shared.merge(delta);
    }
    AtomicInteger writing = new AtomicInteger(threads);
    AtomicInteger snapshots = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch marshalling = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads + MARSHALLERS, r -> {
      Thread t = new Thread(r, "spitests-conc");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<byte[]> slice = deltas.subList(Math.max(preload, t * mergesPerThread),
            (t + 1) * mergesPerThread);
        futures.add(pool.submit(() -> {
          try {
            start.await();
            // Merge only once snapshots are being taken: on 2 cores the marshalling thread may
            // otherwise be scheduled after all merges are done, and the race goes unseen.
            marshalling.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (byte[] delta : slice) {
              shared.merge(delta);
            }
          } finally {
            writing.decrementAndGet();
          }
          return null;
        }));
      }
      for (int m = 0; m < MARSHALLERS; m++) {
        futures.add(pool.submit(() -> marshalWhileMerging(shared, start, marshalling, writing,
            snapshots)));
      }
      start.countDown();
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<?> f : futures) {
        try {
          f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          return new Finding("concurrent merges and snapshots did not finish within "
              + timeout.toMillis() + " ms (deadlock, livelock, or an infinite loop in an unsafe "
              + "collection)", threads + " threads × " + mergesPerThread + " merges");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          return new Finding("a thread failed during concurrent merges and snapshots: " + cause,
              threads + " merging threads × " + mergesPerThread + " deltas, " + MARSHALLERS
                  + " marshalling threads (" + snapshots.get() + " snapshots); " + stackTop(cause));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    S serial = harness.create();
    for (byte[] delta : deltas) {
      serial.merge(delta);
    }
    if (!harness.equivalent(serial, shared)) {
      // Threads change the order of merges as well as interleaving them: if one thread merging in
      // another order differs too, the cause is order (a merge that is not commutative, rule
      // merge02), not a race, and the race hint would send the host the wrong way.
      S reversed = harness.create();
      for (int i = deltas.size() - 1; i >= 0; i--) {
        reversed.merge(deltas.get(i));
      }
      boolean orderDependent = !harness.equivalent(serial, reversed);
      return new Finding("after " + threads + " threads merged " + (deltas.size() - preload)
          + " deltas concurrently, the State differs from merging the same deltas one by one "
          + (orderDependent ? "(and one thread merging them in reverse order differs as well: the"
              + " result depends on the order of merges, not on threads; fix merge02,"
              + " commutativity, first)" : "(lost or torn updates)"),
          threads + " threads x " + mergesPerThread + " deltas; "
          + snapshots.get() + " snapshots taken meanwhile", "serial: " + harness.describe(serial)
          + "; concurrent: " + harness.describe(shared) + "; snapshots "
          + Bytes.firstDifference(serial.marshalBinary(), shared.marshalBinary()));
    }
    return null;
  }

  private Void marshalWhileMerging(S shared, CountDownLatch start, CountDownLatch marshalling,
      AtomicInteger writing, AtomicInteger snapshots) throws InterruptedException {
    start.await();
    // Bounded by the writers' progress and by a count, so a State whose merges block cannot make
    // this loop spin forever.
    do {
      marshalling.countDown();
      byte[] snapshot = shared.marshalBinary();
      snapshots.incrementAndGet();
      S probe = harness.create();
      try {
        probe.merge(snapshot);
      } catch (RuntimeException e) {
        throw new IllegalStateException("a snapshot taken during concurrent merges could not be "
            + "merged (inconsistent snapshot): " + Bytes.summary(snapshot), e);
      }
    } while (writing.get() > 0 && snapshots.get() < 100_000);
    return null;
  }

  private static String stackTop(Throwable t) {
    StackTraceElement[] stack = t.getStackTrace();
    return stack.length == 0 ? "no stack" : "at " + stack[0];
  }
}
