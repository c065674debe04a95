package org.alertcluster.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A point-in-time snapshot of a {@link Peer}'s counters and gauges, each declared (with its meaning
 * and its exported name) in {@link ClusterMetric}:
 *
 * <pre>{@code
 * ClusterMetrics m = peer.metrics();
 * long failed = m.get(ClusterMetric.FAILED_PEERS);
 * for (ClusterMetric metric : ClusterMetric.values()) {
 *   export(metric.prometheusName(), metric.labels(), metric.help(), m.get(metric));
 * }
 * }</pre>
 */
@ProviderType
public interface ClusterMetrics {

  /**
   * The value of one metric at the time of the snapshot.
   *
   * @param metric the metric
   * @return its value: a counter's total since the peer was created, a gauge's value at the time
   */
  long get(ClusterMetric metric);

  /**
   * Every metric's value.
   *
   * @return an unmodifiable map in {@link ClusterMetric} order
   */
  default Map<ClusterMetric, Long> asMap() {
    Map<ClusterMetric, Long> m = new EnumMap<>(ClusterMetric.class);
    for (ClusterMetric metric : ClusterMetric.values()) {
      m.put(metric, get(metric));
    }
    return Collections.unmodifiableMap(m);
  }
}
