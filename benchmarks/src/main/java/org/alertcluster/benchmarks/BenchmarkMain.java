package org.alertcluster.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.benchmarks.core.CoreBench;
import org.alertcluster.benchmarks.jmh.JmhBench;
import org.alertcluster.benchmarks.replica.ReplicaBench;
import org.alertcluster.benchmarks.report.Report;

/**
 * {@code java -jar alertcluster-benchmarks.jar [--quick] [--only core,replica,jmh] [--out DIR]
 * [--distribution FILE.tar.gz] [--alertmanager PATH] [--tls]}: one run of every figure beside its
 * baseline, printed as a Markdown table, written to {@code DIR/results.csv}, {@code results.json} and
 * {@code latency.png} (default DIR {@code benchmarks/target/results}).
 */
public final class BenchmarkMain {

  static {
    // Closing dozens of channels makes JGroups log races on closed sockets at WARN/ERROR: noise here.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (System.getProperty("org.slf4j.simpleLogger.log.org.jgroups") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.jgroups", "off");
    }
    System.setProperty("java.net.preferIPv4Stack", "true");
  }

  private BenchmarkMain() {}

  /** Options of one run. */
  public record Options(boolean quick, List<String> only, Path out, Path distribution, Path alertmanager,
      boolean tls) {

    boolean wants(String section) {
      return only.isEmpty() || only.contains(section);
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(o);
  }

  static Options parse(String... args) {
    boolean quick = false;
    boolean tls = false;
    List<String> only = new ArrayList<>();
    Path out = Path.of("benchmarks/target/results");
    Path dist = null;
    Path am = Path.of("/usr/bin/prometheus-alertmanager");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      switch (name) {
        case "--quick" -> quick = true;
        case "--tls" -> tls = true;
        case "--only", "--out", "--distribution", "--alertmanager" -> {
          if (v == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(name + " needs a value");
            }
            v = args[++i];
          }
          switch (name) {
            case "--only" -> {
              for (String s : v.split(",")) {
                if (!List.of("core", "replica", "jmh").contains(s)) {
                  throw new IllegalArgumentException("--only: unknown section '" + s + "' (core, replica, jmh)");
                }
                only.add(s);
              }
            }
            case "--out" -> out = Path.of(v);
            case "--distribution" -> dist = Path.of(v);
            default -> am = Path.of(v);
          }
        }
        case "--help", "-h" -> throw new IllegalArgumentException("usage: java -jar alertcluster-benchmarks.jar"
            + " [--quick] [--only core,replica,jmh] [--out DIR] [--distribution alertcluster-node-*.tar.gz]"
            + " [--alertmanager /usr/bin/prometheus-alertmanager|none] [--tls]");
        default -> throw new IllegalArgumentException("unknown argument '" + a + "' (try --help)");
      }
    }
    return new Options(quick, only, out, dist, am, tls);
  }

  /**
   * Runs the sections asked for and writes the results.
   *
   * @param o the options
   * @return the report
   */
  public static Report run(Options o) throws Exception {
    Report report = new Report();
    report.environment("started", Instant.now().toString());
    report.environment("machine", Runtime.getRuntime().availableProcessors() + " CPUs, load average at start "
        + loadAverage());
    report.environment("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    report.environment("mode", o.quick() ? "quick (smoke run: fewer samples)" : "full");
    if (o.wants("core")) {
      section("core: alertcluster vs raw JGroups, same stack, one JVM");
      new CoreBench(report, o.quick()).run();
    }
    if (o.wants("replica")) {
      section("replica: 3 alertcluster replicas (distribution) vs 3 Alertmanager 0.25, same driver");
      new ReplicaBench(report, o).run();
    }
    if (o.wants("jmh")) {
      section("jmh: hot paths");
      JmhBench.run(report, o.quick());
    }
    report.environment("finished", Instant.now().toString() + ", load average " + loadAverage());
    report.print(System.out);
    report.write(o.out());
    System.out.println("Wrote " + o.out().resolve("results.csv") + ", results.json and latency.png");
    return report;
  }

  private static void section(String title) {
    System.out.println("== " + title);
  }

  static String loadAverage() {
    return org.alertcluster.benchmarks.report.LoadAverage.raw();
  }

}
