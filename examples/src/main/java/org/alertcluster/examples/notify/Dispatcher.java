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
 * Alertmanager's dispatcher: sends each alert down the routing tree ({@link RouteConfig#match}), puts
 * it into the aggregation group of each matching route and its group labels (key
 * {@code routeKey:groupLabels}), and flushes each group {@code group_wait} after it was created, then
 * every {@code group_interval} of its route while it has alerts. A flush runs on a worker thread (it may wait for the
 * position and retry a receiver); the next one is scheduled when it ends, so flushes of one group
 * never overlap.
 */
public final class Dispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final RouteConfig root;
  private final Map<RouteConfig, NotificationPipeline> pipelines = new java.util.IdentityHashMap<>();
  private final Clock clock;
  private final Map<String, AggregationGroup> groups = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private final ExecutorService workers;
  private volatile boolean closed;

  /**
   * One pipeline for every route of the tree.
   *
   * @param route the routing tree
   * @param pipeline the stages every flush goes through
   * @param clock the clock
   */
  public Dispatcher(RouteConfig route, NotificationPipeline pipeline, Clock clock) {
    this(route, r -> pipeline, clock);
  }

  /**
   * @param root the routing tree
   * @param pipelineOf the pipeline of each route (its receiver's integrations, its timings)
   * @param clock the clock
   */
  public Dispatcher(RouteConfig root, java.util.function.Function<RouteConfig, NotificationPipeline> pipelineOf,
      Clock clock) {
    this.root = root;
    for (RouteConfig r : root.flatten()) {
      pipelines.put(r, pipelineOf.apply(r));
    }
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
    for (RouteConfig route : root.match(alert.labels())) {
      receive(alert, route);
    }
  }

  private void receive(Alert alert, RouteConfig route) {
    Map<String, String> labels = route.groupLabels(alert.labels());
    String key = AggregationGroup.keyOf(route.key(), labels);
    while (true) {
      boolean[] created = {false};
      AggregationGroup g = groups.computeIfAbsent(key, k -> {
        created[0] = true;
        return new AggregationGroup(k, route, labels);
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
    long tick = System.nanoTime();
    try {
      if (g.isEmpty()) {
        removeIfEmpty(g);
      } else {
        NotificationPipeline.FlushResult r = pipelines.get(g.route()).flush(g.key(), g.groupLabels(), g::alerts);
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
      // Fixed rate from this tick, as Alertmanager resets its timer before flushing: a replica whose
      // flush waited position × peer_timeout stays in step with position 0 instead of drifting by
      // the wait at every interval (a flush longer than group_interval is followed at once).
      Duration elapsed = Duration.ofNanos(System.nanoTime() - tick);
      Duration next = g.route().groupInterval().minus(elapsed);
      schedule(g, next.isNegative() ? Duration.ZERO : next);
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

  /**
   * Stops for a reload: no new flushes start, flushes in progress finish (so what they send is in the
   * notification log before the next dispatcher looks), and only after {@code wait} are they
   * interrupted.
   *
   * @param wait the longest wait for flushes in progress
   */
  public void closeGracefully(Duration wait) {
    closed = true;
    groups.values().forEach(AggregationGroup::stop);
    timers.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("flushes still running {} after the reload began; interrupting them", wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
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
