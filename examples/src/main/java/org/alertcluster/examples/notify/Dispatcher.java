package org.alertcluster.examples.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.alertcluster.examples.config.RouteConfig;
import org.alertcluster.examples.model.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alertmanager's dispatcher for one route: puts each alert into the aggregation group of its group
 * labels and flushes each group {@code group_wait} after it was created, then every
 * {@code group_interval} while it has alerts. A flush runs on a worker thread (it may wait for the
 * position and retry a receiver); the next one is scheduled when it ends, so flushes of one group
 * never overlap.
 */
public final class Dispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final RouteConfig route;
  private final NotificationPipeline pipeline;
  private final Clock clock;
  private final Map<String, AggregationGroup> groups = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private final ExecutorService workers;
  private volatile boolean closed;

  /**
   * @param route the route
   * @param pipeline the stages every flush goes through
   * @param clock the clock
   */
  public Dispatcher(RouteConfig route, NotificationPipeline pipeline, Clock clock) {
    this.route = route;
    this.pipeline = pipeline;
    this.clock = clock;
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("dispatcher-timer"));
    this.workers = Executors.newCachedThreadPool(daemon("dispatcher-flush"));
  }

  /**
   * Adds or updates an alert in its group, creating and scheduling the group if needed.
   *
   * @param alert the alert
   */
  public void receive(Alert alert) {
    if (closed) {
      return;
    }
    Map<String, String> labels = route.groupLabels(alert.labels());
    String key = AggregationGroup.keyOf(labels);
    while (true) {
      boolean[] created = {false};
      AggregationGroup g = groups.computeIfAbsent(key, k -> {
        created[0] = true;
        return new AggregationGroup(k, labels);
      });
      g.insert(alert);
      if (g.stopped()) {
        groups.remove(key, g); // raced with removal of an emptied group: use a new one
        continue;
      }
      if (created[0]) {
        // An alert that started long ago need not wait group_wait (Alertmanager does the same).
        Duration delay = alert.startsAt().plus(route.groupWait()).isBefore(clock.instant())
            ? Duration.ZERO : route.groupWait();
        schedule(g, delay);
      }
      return;
    }
  }

  /** @return the current groups, for the API and the stats */
  public List<AggregationGroup> groups() {
    return new ArrayList<>(groups.values());
  }

  private void schedule(AggregationGroup g, Duration delay) {
    if (closed) {
      return;
    }
    try {
      g.setTimer(timers.schedule(() -> submitFlush(g), delay.toMillis(), TimeUnit.MILLISECONDS));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void submitFlush(AggregationGroup g) {
    try {
      workers.execute(() -> flush(g));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void flush(AggregationGroup g) {
    try {
      if (g.isEmpty()) {
        removeIfEmpty(g);
      } else {
        NotificationPipeline.FlushResult r = pipeline.flush(g.key(), g.groupLabels(), g::alerts);
        g.markFlushed();
        // Only what this flush saw resolved, and only if it was not re-sent meanwhile.
        if (r.completed() && g.removeResolved(r.resolved())) {
          removeIfEmpty(g);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      LOG.error("group {}: flush failed", g.key(), e);
    }
    if (!g.stopped()) {
      schedule(g, route.groupInterval());
    }
  }

  private void removeIfEmpty(AggregationGroup g) {
    synchronized (g) {
      if (g.isEmpty()) {
        g.stop();
        groups.remove(g.key(), g);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    groups.values().forEach(AggregationGroup::stop);
    timers.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
