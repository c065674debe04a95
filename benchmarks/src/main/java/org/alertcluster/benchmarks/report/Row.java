package org.alertcluster.benchmarks.report;

/**
 * One figure of the report: alertcluster's value beside its baseline measured in the same run.
 *
 * @param section "core", "replica" or "jmh"
 * @param figure what was measured, e.g. "300 B broadcast delivered to all, N=3, p99"
 * @param unit "ms", "us", "msg/s", "MB/s", "MB", "s", "ops/ms"
 * @param value alertcluster's value (NaN if not measured)
 * @param baseline the baseline's value (NaN if none or not measured)
 * @param baselineName "raw JGroups", "Alertmanager 0.25", or "" when there is no baseline
 * @param lowerIsBetter whether a smaller value is better (latency, memory) or a larger one (throughput)
 * @param target the target as text, e.g. "<= 1.3x" or "<= 10 ms", or ""
 * @param met whether the target is met: "yes", "no", or "" when there is no target
 * @param note a remark, e.g. "capped at 20 s: not all arrived"
 * @param pairedRatio the ratio when it is not value / baseline: the median of per-round ratios of
 *     interleaved rounds (NaN otherwise)
 */
public record Row(String section, String figure, String unit, double value, double baseline,
    String baselineName, boolean lowerIsBetter, String target, String met, String note, double pairedRatio) {

  /** A row whose ratio is value / baseline. */
  public Row(String section, String figure, String unit, double value, double baseline,
      String baselineName, boolean lowerIsBetter, String target, String met, String note) {
    this(section, figure, unit, value, baseline, baselineName, lowerIsBetter, target, met, note, Double.NaN);
  }

  /** @return the paired ratio when there is one, else value / baseline, or NaN */
  public double ratio() {
    if (!Double.isNaN(pairedRatio)) {
      return pairedRatio;
    }
    if (Double.isNaN(value) || Double.isNaN(baseline) || baseline == 0) {
      return Double.NaN;
    }
    return value / baseline;
  }
}
