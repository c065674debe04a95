package org.alertcluster.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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
 *   <li>{@code exchange-N} (up to 2, ending after 5 s idle): marshalling, merging and sending full states;</li>
 *   <li>{@code notify}: membership listener callbacks and the completion of acknowledged
 *       broadcasts, one at a time;</li>
 *   <li>{@code dns-N} (ending after 5 s idle): blocking name lookups of the known peers;</li>
 *   <li>{@code send}, {@code send-oversized}: the broadcaster's senders (owned by it).</li>
 * </ul>
 * {@link #shutdown} stops them and waits for them to end.
 */
final class PeerThreads {

  private static final Logger LOG = LoggerFactory.getLogger(PeerThreads.class);
  /** How long an idle {@code exchange} or {@code dns} thread lives (the JDK's cached pool: 60 s). */
  static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(5);

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
    this.exchange = idleEnding(2, factory("exchange"));
    this.notifier = Executors.newSingleThreadExecutor(factory("notify"));
    this.dns = idleEnding(Integer.MAX_VALUE, factory("dns"));
  }

  /**
   * A pool of up to {@code max} threads that end after {@link #IDLE_KEEP_ALIVE} without work: full
   * states and lookups come in bursts (a join, a discovery round), and an idle replica should not keep
   * their threads (~100 KB resident each). Tasks beyond {@code max} queue (unbounded).
   */
  private static ExecutorService idleEnding(int max, ThreadFactory factory) {
    ThreadPoolExecutor e;
    if (max == Integer.MAX_VALUE) {
      e = new ThreadPoolExecutor(0, max, IDLE_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS,
          new SynchronousQueue<>(), factory);
    } else {
      e = new ThreadPoolExecutor(max, max, IDLE_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(), factory);
      e.allowCoreThreadTimeOut(true);
    }
    return e;
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
