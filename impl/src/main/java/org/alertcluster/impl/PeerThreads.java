package org.alertcluster.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads a peer owns besides JGroups' own, all named {@code alertcluster-<node name>-<role>}
 * and all daemon threads, so a host sees whose they are and a forgotten peer cannot keep a JVM
 * alive:
 * <ul>
 *   <li>{@code sched}: settle polls, anti-entropy, failed-peer expiry, exchange timeouts;</li>
 *   <li>{@code exchange-N} (2): marshalling, merging and sending full states;</li>
 *   <li>{@code notify}: membership listener callbacks, one at a time;</li>
 *   <li>{@code dns}: blocking name lookups of the known peers;</li>
 *   <li>{@code send}, {@code send-oversized}: the broadcaster's senders (owned by it).</li>
 * </ul>
 * {@link #shutdown} stops them and waits for them to end.
 */
final class PeerThreads {

  private static final Logger LOG = LoggerFactory.getLogger(PeerThreads.class);

  final String prefix;
  final ScheduledExecutorService scheduler;
  final ExecutorService exchange;
  final ExecutorService notifier;
  final ExecutorService dns;

  PeerThreads(String nodeName) {
    this.prefix = "alertcluster-" + nodeName;
    ScheduledThreadPoolExecutor sched = new ScheduledThreadPoolExecutor(1, factory("sched"));
    sched.setRemoveOnCancelPolicy(true);
    sched.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scheduler = sched;
    this.exchange = Executors.newFixedThreadPool(2, factory("exchange"));
    this.notifier = Executors.newSingleThreadExecutor(factory("notify"));
    this.dns = Executors.newCachedThreadPool(factory("dns"));
  }

  private ThreadFactory factory(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      String name = prefix + "-" + role;
      if (!role.equals("sched") && !role.equals("notify")) {
        name += "-" + n.incrementAndGet();
      }
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Stops every executor and waits for their threads.
   *
   * @param timeout the longest to wait for each executor
   */
  void shutdown(Duration timeout) {
    // The notifier is drained, not cut short: what it still holds (the last membership callbacks,
    // ready() failing because the peer left) is owed to the host.
    notifier.shutdown();
    for (ExecutorService e : List.of(scheduler, exchange, dns)) {
      e.shutdownNow();
    }
    for (ExecutorService e : List.of(scheduler, exchange, notifier, dns)) {
      try {
        if (!e.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Some {} threads did not stop within {} (a State or a DNS lookup may be "
              + "blocking)", prefix, timeout);
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    notifier.shutdownNow(); // a callback that blocked past the timeout is interrupted
  }
}
