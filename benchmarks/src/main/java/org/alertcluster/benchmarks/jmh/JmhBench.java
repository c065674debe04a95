package org.alertcluster.benchmarks.jmh;

import java.util.Collection;
import org.alertcluster.benchmarks.report.Report;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of this package (one fork each) and adds their scores to the report. */
public final class JmhBench {

  private JmhBench() {}

  /**
   * @param report where the scores go
   * @param quick one short iteration instead of three
   */
  public static void run(Report report, boolean quick) throws Exception {
    Options opt = new OptionsBuilder()
        .include("org\\.alertcluster\\.benchmarks\\.jmh\\..*Benchmarks")
        .forks(1)
        .jvmArgsAppend("-Xmx512m")
        .warmupIterations(quick ? 1 : 2).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 1 : 3).measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(opt).run();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replace("org.alertcluster.benchmarks.jmh.", "");
      StringBuilder params = new StringBuilder();
      for (String k : r.getParams().getParamsKeys()) {
        params.append(params.length() == 0 ? " (" : ", ").append(k).append('=').append(r.getParams().getParam(k));
      }
      if (params.length() > 0) {
        params.append(')');
      }
      double score = r.getPrimaryResult().getScore();
      double error = r.getPrimaryResult().getScoreError();
      report.plain("jmh", name + params, r.getPrimaryResult().getScoreUnit(), score, Double.NaN, "", true,
          Double.isNaN(error) ? "" : "± " + Report.fmt(error));
    }
  }
}
