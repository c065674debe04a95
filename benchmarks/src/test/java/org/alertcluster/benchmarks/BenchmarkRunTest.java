package org.alertcluster.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alertcluster.benchmarks.report.Report;
import org.alertcluster.benchmarks.report.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick run of the core benchmark through the same entry point as the jar. Skipped in
 * {@code mvn verify} unless {@code -Dbench=true}: timings are for the benchmark, never pass/fail;
 * this only checks that every figure was measured.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BenchmarkRunTest {

  @TempDir Path dir;

  @Test
  void quickCoreRunMeasuresEveryFigure() throws Exception {
    Report r = BenchmarkMain.run(BenchmarkMain.parse("--quick", "--only", "core", "--out", dir.toString()));
    assertThat(r.rows()).isNotEmpty().allSatisfy(row -> assertThat(row.value()).as(row.figure()).isNotNaN());
    assertThat(r.rows()).extracting(Row::baseline).doesNotContain(Double.NaN);
    assertThat(dir.resolve("results.csv")).exists();
    assertThat(Files.size(dir.resolve("latency.png"))).isPositive();
  }
}
