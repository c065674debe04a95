package org.alertcluster.examples.notify;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one node's notification pipeline, shown by the stats endpoint and the demo. */
public final class PipelineStats {

  /** Notifications delivered by this node (one per integration and flush). */
  public final AtomicLong notificationsSent = new AtomicLong();
  /** Deliveries that failed even after retries until the flush deadline. */
  public final AtomicLong notificationsFailed = new AtomicLong();
  /** Flushes that found the notification log already up to date (another replica sent). */
  public final AtomicLong deduplicated = new AtomicLong();
  /** Alerts left out of a flush because a silence muted them. */
  public final AtomicLong silencedAlerts = new AtomicLong();
  /** Alerts left out of a flush because an inhibit rule muted them. */
  public final AtomicLong inhibitedAlerts = new AtomicLong();
  /** Flushes abandoned because the peer did not become ready before the deadline. */
  public final AtomicLong unsettledFlushes = new AtomicLong();
  /** Flushes run. */
  public final AtomicLong flushes = new AtomicLong();
}
