package org.alertcluster.impl.util;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;

/**
 * A peer's metrics at one moment: every {@link ClusterMetric} with its value.
 *
 * @param values a value per metric, copied
 */
record MetricsSnapshot(Map<ClusterMetric, Long> values) implements ClusterMetrics {

  MetricsSnapshot {
    values = Collections.unmodifiableMap(new EnumMap<>(values));
  }

  @Override
  public long get(ClusterMetric metric) {
    return values.getOrDefault(metric, 0L);
  }

  @Override
  public Map<ClusterMetric, Long> asMap() {
    return values;
  }
}
