package org.alertcluster.impl.util;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;

/**
 * The live counters of one peer, one per {@link ClusterMetric} counter, written from many threads
 * (receive, sender, exchange) and read by {@link #snapshot}. LongAdder because increments vastly
 * outnumber reads. Gauges are not kept here: the caller reads them at snapshot time.
 *
 * <p>Public only because the root package, {@code membership} and {@code sync} count through it;
 * <b>not API</b>: the bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list
 * of impl's public types with the reason for each.
 */
public final class PeerCounters {

  private final LongAdder[] counters = new LongAdder[ClusterMetric.values().length];

  /** Creates counters at 0. */
  public PeerCounters() {
    for (ClusterMetric m : ClusterMetric.values()) {
      if (m.type() == ClusterMetric.Type.COUNTER) {
        counters[m.ordinal()] = new LongAdder();
      }
    }
  }

  /**
   * Adds one.
   *
   * @param metric a counter
   */
  public void increment(ClusterMetric metric) {
    adder(metric).increment();
  }

  /**
   * Adds an amount.
   *
   * @param metric a counter
   * @param amount what to add, not negative
   */
  public void add(ClusterMetric metric, long amount) {
    adder(metric).add(amount);
  }

  /**
   * @param metric a counter
   * @return its current total
   */
  public long get(ClusterMetric metric) {
    return adder(metric).sum();
  }

  private LongAdder adder(ClusterMetric metric) {
    LongAdder a = counters[metric.ordinal()];
    if (a == null) {
      throw new IllegalArgumentException(metric + " is a gauge, not a counter");
    }
    return a;
  }

  /**
   * An immutable copy of every counter, with the gauges read by the caller.
   *
   * @param gauges a value for every {@link ClusterMetric.Type#GAUGE}
   * @return the snapshot
   */
  public ClusterMetrics snapshot(Map<ClusterMetric, Long> gauges) {
    Map<ClusterMetric, Long> values = new EnumMap<>(ClusterMetric.class);
    for (ClusterMetric m : ClusterMetric.values()) {
      values.put(m, m.type() == ClusterMetric.Type.COUNTER ? counters[m.ordinal()].sum()
          : gauges.getOrDefault(m, 0L));
    }
    return new MetricsSnapshot(values);
  }
}
