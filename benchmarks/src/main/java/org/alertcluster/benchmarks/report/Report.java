package org.alertcluster.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects rows and latency series, prints the table and writes {@code results.csv},
 * {@code results.json} and {@code latency.png}.
 */
public final class Report {

  private final List<Row> rows = new ArrayList<>();
  /** Plot panels: title → series (alertcluster first, then its baseline). */
  private final Map<String, List<Samples>> panels = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();

  /** @param row a figure */
  public synchronized void add(Row row) {
    rows.add(row);
  }

  /**
   * Adds a figure with a ratio target: met when value/baseline is within {@code maxRatio} (or, for
   * higher-is-better figures, at least {@code maxRatio}).
   */
  public void ratio(String section, String figure, String unit, double value, double baseline,
      String baselineName, boolean lowerIsBetter, double targetRatio, String note) {
    double r = value / baseline;
    String target = (lowerIsBetter ? "<= " : ">= ") + fmt(targetRatio) + "x";
    String met = Double.isNaN(r) ? "?" : (lowerIsBetter ? r <= targetRatio : r >= targetRatio) ? "yes" : "no";
    add(new Row(section, figure, unit, value, baseline, baselineName, lowerIsBetter, target, met, note));
  }

  /**
   * Adds a figure whose ratio was measured in pairs: the median of per-round ratios of interleaved
   * rounds, judged against the target; the value and baseline shown are the pooled figures.
   */
  public void pairedRatio(String section, String figure, String unit, double value, double baseline,
      String baselineName, boolean lowerIsBetter, double medianRatio, double targetRatio, String note) {
    String target = (lowerIsBetter ? "<= " : ">= ") + fmt(targetRatio) + "x";
    String met = Double.isNaN(medianRatio) ? "?"
        : (lowerIsBetter ? medianRatio <= targetRatio : medianRatio >= targetRatio) ? "yes" : "no";
    add(new Row(section, figure, unit, value, baseline, baselineName, lowerIsBetter, target, met, note,
        medianRatio));
  }

  /** Adds a figure with an absolute target (same unit as the value). */
  public void absolute(String section, String figure, String unit, double value, double baseline,
      String baselineName, boolean lowerIsBetter, double target, String note) {
    String t = (lowerIsBetter ? "<= " : ">= ") + fmt(target) + " " + unit;
    String met = Double.isNaN(value) ? "?" : (lowerIsBetter ? value <= target : value >= target) ? "yes" : "no";
    add(new Row(section, figure, unit, value, baseline, baselineName, lowerIsBetter, t, met, note));
  }

  /** Adds a figure without a target. */
  public void plain(String section, String figure, String unit, double value, double baseline,
      String baselineName, boolean lowerIsBetter, String note) {
    add(new Row(section, figure, unit, value, baseline, baselineName, lowerIsBetter, "", "", note));
  }

  /**
   * Adds a plot panel.
   *
   * @param title the panel title
   * @param series alertcluster's series, then the baseline's
   */
  public synchronized void panel(String title, Samples... series) {
    panels.put(title, List.of(series));
  }

  /** Records a fact about the run (load average, JVM, commit). */
  public synchronized void environment(String key, String value) {
    environment.put(key, value);
  }

  /** @return the rows so far */
  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** @return the panels so far */
  public synchronized Map<String, List<Samples>> panels() {
    return new LinkedHashMap<>(panels);
  }

  /** Prints the table as Markdown (so the README can take it as it is). */
  public synchronized void print(PrintStream out) {
    out.println();
    environment.forEach((k, v) -> out.println(k + ": " + v));
    out.println();
    out.println("| section | figure | alertcluster | baseline | ratio | target | met |");
    out.println("|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      String base = Double.isNaN(r.baseline()) ? "—" : fmt(r.baseline()) + " " + r.unit() + " (" + r.baselineName() + ")";
      String ratio = Double.isNaN(r.ratio()) ? "—" : fmt(r.ratio()) + "x";
      String note = r.note().isEmpty() ? "" : " — " + r.note();
      out.printf("| %s | %s%s | %s | %s | %s | %s | %s |%n", r.section(), r.figure(), note,
          Double.isNaN(r.value()) ? "—" : fmt(r.value()) + " " + r.unit(), base, ratio, r.target(), r.met());
    }
    out.println();
  }

  /** Writes results.csv, results.json and latency.png into {@code dir}. */
  public synchronized void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder csv = new StringBuilder("section,figure,unit,alertcluster,baseline,baseline_name,ratio,target,met,note\n");
    for (Row r : rows) {
      csv.append(String.join(",", q(r.section()), q(r.figure()), q(r.unit()), num(r.value()),
          num(r.baseline()), q(r.baselineName()), num(r.ratio()), q(r.target()), q(r.met()), q(r.note())))
          .append('\n');
    }
    Files.writeString(dir.resolve("results.csv"), csv);
    StringBuilder json = new StringBuilder("{\n  \"environment\": {");
    int i = 0;
    for (Map.Entry<String, String> e : environment.entrySet()) {
      json.append(i++ == 0 ? "\n" : ",\n").append("    ").append(js(e.getKey())).append(": ").append(js(e.getValue()));
    }
    json.append("\n  },\n  \"figures\": [");
    i = 0;
    for (Row r : rows) {
      json.append(i++ == 0 ? "\n" : ",\n").append("    {\"section\": ").append(js(r.section()))
          .append(", \"figure\": ").append(js(r.figure())).append(", \"unit\": ").append(js(r.unit()))
          .append(", \"alertcluster\": ").append(jn(r.value())).append(", \"baseline\": ").append(jn(r.baseline()))
          .append(", \"baselineName\": ").append(js(r.baselineName())).append(", \"ratio\": ").append(jn(r.ratio()))
          .append(", \"target\": ").append(js(r.target())).append(", \"met\": ").append(js(r.met()))
          .append(", \"note\": ").append(js(r.note())).append('}');
    }
    json.append("\n  ]\n}\n");
    Files.writeString(dir.resolve("results.json"), json);
    LatencyPlot.write(panels, dir.resolve("latency.png"));
  }

  /** Three significant digits, no exponent. */
  public static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static String jn(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static String q(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String js(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
