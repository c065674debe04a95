package org.alertcluster.spitests;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.alertcluster.api.State;
import org.alertcluster.spitests.support.Bytes;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.AssertionFailedError;

/**
 * Rule size01: a large State marshals, merges into an empty State and stays equivalent, within the
 * heap and the time limit. Sizes and times are printed for the host's information, never asserted.
 */
final class LargeStateCheck<S extends State> {

  private final StateHarness<S> harness;
  private final String subject;
  private final VerificationEnvironment environment;

  LargeStateCheck(StateHarness<S> harness, String subject, VerificationEnvironment environment) {
    this.harness = harness;
    this.subject = subject;
    this.environment = environment;
  }

  void run(int entries, S large) {
    Duration timeout = environment.timeout();
    AtomicReference<String> problem = new AtomicReference<>();
    AtomicReference<Throwable> error = new AtomicReference<>();
    long started = System.nanoTime();
    try {
      Assertions.assertTimeoutPreemptively(timeout, () -> {
        try {
          long t0 = System.nanoTime();
          byte[] snapshot = large.marshalBinary();
          long t1 = System.nanoTime();
          S copy = harness.create();
          copy.merge(snapshot);
          long t2 = System.nanoTime();
          boolean same = harness.equivalent(large, copy);
          System.out.printf("size01 %s: %d entries -> %d bytes (%.1f bytes/entry); marshal %d ms, "
                  + "merge %d ms, compare %d ms%n", subject, entries, snapshot.length,
              snapshot.length / (double) Math.max(1, entries), (t1 - t0) / 1_000_000,
              (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
          if (snapshot.length == 0) {
            problem.set("a State built with " + entries + " entries marshals to 0 bytes");
          } else if (snapshot.length < entries) {
            // Every distinct entry costs at least a byte; fewer bytes than entries means the large
            // State is not large (mutate drew from a small range, overwriting the same entries),
            // and size01 would pass without having tested anything large.
            problem.set("the large State is not large: built with " + entries + " entries it marshals"
                + " to only " + snapshot.length + " bytes (" + String.format(java.util.Locale.ROOT,
                    "%.2f", snapshot.length / (double) entries) + " bytes/entry, at least 1 expected);"
                + " mutate or createLargeState overwrote the same few entries instead of adding "
                + entries + " distinct ones. Draw keys from a large range (e.g. random.nextLong())"
                + " or override createLargeState(entries, random) to add distinct entries");
          } else if (!same) {
            problem.set("the large State's snapshot (" + Bytes.summary(snapshot)
                + ") merged into an empty State is not equivalent to it");
          }
        } catch (OutOfMemoryError e) {
          // Release what we can before reporting; the message needs little heap.
          problem.set("ran out of memory (max heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MiB): the snapshot or its merge keeps several copies of the state");
          error.set(e);
        } catch (RuntimeException e) {
          problem.set("threw " + e);
          error.set(e);
        }
      });
    } catch (AssertionFailedError timedOut) {
      problem.set("did not complete within " + timeout.toMillis() + " ms (" + timedOut.getMessage()
          + ")");
    }
    if (problem.get() != null) {
      throw new AssertionFailedError(FailureMessage.builder(StateRule.SIZE01, subject)
          .line("broke", problem.get())
          .line("size", entries + " entries (set -D" + VerificationEnvironment.PROPERTY_PREFIX
              + "largeStateEntries=N or override largeStateEntries())")
          .line("elapsed", (System.nanoTime() - started) / 1_000_000 + " ms")
          .line("seed", String.valueOf(environment.seed()))
          .build(), error.get());
    }
  }
}
