package org.alertcluster.impl;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps every core busy while the cluster suites run, to shake out races that only a slow host
 * shows (the "the cluster suites once more with the CPUs saturated"). Registered through
 * {@code META-INF/services} and active only where JUnit's extension autodetection is switched on:
 * impl's {@code under-load} surefire execution (see impl's pom), never in the ordinary run.
 *
 * <p>One busy thread per available processor, started before the first test class and stopped
 * when the test run ends (JUnit closes the root store), and in any case after {@link #MAX_RUN}:
 * bounded in count and time. The threads are daemons, so they never hold the JVM.
 */
public final class CpuLoad implements BeforeAllCallback {

  /** The longest the load runs, whatever happens to the test run. */
  static final Duration MAX_RUN = Duration.ofMinutes(10);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Load.class, k -> new Load(), Load.class);
  }

  /** The running load; closed by JUnit at the end of the run. */
  static final class Load implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final long started = System.nanoTime();

    Load() {
      int n = Runtime.getRuntime().availableProcessors();
      long deadline = started + MAX_RUN.toNanos();
      for (int i = 0; i < n; i++) {
        Thread t = new Thread(() -> {
          long x = 0;
          while (running.get() && System.nanoTime() < deadline) {
            for (int j = 0; j < 100_000; j++) {
              x += j ^ (x >>> 3);
            }
          }
          if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
          }
        }, "cpu-load-" + i);
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY);
        t.start();
        threads.add(t);
      }
      System.out.printf("CpuLoad: %d busy threads started (load average %.2f); the cluster suites "
          + "run with every core saturated%n", n, loadAverage());
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(5_000);
      }
      System.out.printf("CpuLoad: stopped after %d s (load average %.2f)%n",
          Duration.ofNanos(System.nanoTime() - started).toSeconds(), loadAverage());
    }

    private static double loadAverage() {
      return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }
}
