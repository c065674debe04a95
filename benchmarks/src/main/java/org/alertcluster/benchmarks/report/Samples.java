package org.alertcluster.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A named set of measurements in one unit (latencies in microseconds or milliseconds), with nearest-rank
 * percentiles. Thread-safe for {@link #add}.
 */
public final class Samples {

  private final String name;
  private final List<Double> values = new ArrayList<>();

  /** @param name the series name shown in the plot, e.g. "raw JGroups, N=3" */
  public Samples(String name) {
    this.name = name;
  }

  /** @return the series name */
  public String name() {
    return name;
  }

  /** @param v a measurement */
  public synchronized void add(double v) {
    values.add(v);
  }

  /** @return the number of measurements */
  public synchronized int size() {
    return values.size();
  }

  /** @return the measurements, sorted ascending */
  public synchronized double[] sorted() {
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a;
  }

  /**
   * The nearest-rank percentile.
   *
   * @param p 0 &lt; p &lt;= 100
   * @return the value, or NaN when empty
   */
  public double percentile(double p) {
    double[] a = sorted();
    if (a.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * a.length);
    return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
  }

  /** @return the largest value, or NaN when empty */
  public double max() {
    double[] a = sorted();
    return a.length == 0 ? Double.NaN : a[a.length - 1];
  }
}
