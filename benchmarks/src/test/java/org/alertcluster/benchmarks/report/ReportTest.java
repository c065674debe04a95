package org.alertcluster.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's arithmetic and files, without running a benchmark. */
class ReportTest {

  @TempDir Path dir;

  @Test
  void nearestRankPercentiles() {
    Samples s = new Samples("x");
    for (int i = 100; i >= 1; i--) {
      s.add(i);
    }
    assertThat(s.percentile(50)).isEqualTo(50);
    assertThat(s.percentile(99)).isEqualTo(99);
    assertThat(s.percentile(100)).isEqualTo(100);
    assertThat(s.max()).isEqualTo(100);
    assertThat(new Samples("empty").percentile(50)).isNaN();
  }

  @Test
  void ratioTargetsAreJudgedInTheRightDirection() {
    Report r = new Report();
    r.ratio("core", "latency p99", "us", 130, 100, "raw JGroups", true, 1.3, "");
    r.ratio("core", "latency p99 worse", "us", 131, 100, "raw JGroups", true, 1.3, "");
    r.ratio("core", "throughput", "msg/s", 79, 100, "raw JGroups", false, 0.8, "");
    r.absolute("replica", "rss", "MB", 64, 40, "Alertmanager 0.25", true, 64, "");
    assertThat(r.rows()).extracting(Row::met).containsExactly("yes", "no", "no", "yes");
    assertThat(r.rows().get(0).ratio()).isEqualTo(1.3);
  }

  @Test
  void aPairedRatioIsJudgedOnTheMedianOfRoundsNotOnThePooledValues() {
    Report r = new Report();
    // Pooled p99s 3.5x apart (one side hit by a stall), but the rounds' median ratio is 1.1.
    r.pairedRatio("core", "latency p99", "us", 350, 100, "raw JGroups", true, 1.1, 1.3, "");
    r.pairedRatio("core", "latency p99 worse", "us", 100, 100, "raw JGroups", true, 1.4, 1.3, "");
    assertThat(r.rows()).extracting(Row::met).containsExactly("yes", "no");
    assertThat(r.rows().get(0).ratio()).isEqualTo(1.1);
    assertThat(r.rows().get(1).ratio()).isEqualTo(1.4);
  }

  @Test
  void printsMarkdownAndWritesCsvJsonAndPng() throws Exception {
    Report r = new Report();
    r.environment("machine", "test");
    r.ratio("core", "p99, with \"quotes\", and commas", "us", 120, 100, "raw JGroups", true, 1.3, "note");
    r.plain("jmh", "decode", "us/op", 0.5, Double.NaN, "", true, "");
    Samples a = new Samples("alertcluster");
    Samples b = new Samples("raw JGroups");
    for (int i = 1; i <= 200; i++) {
      a.add(100 + i);
      b.add(90 + 2 * i);
    }
    r.panel("latency (us)", a, b);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("| section | figure | alertcluster | baseline | ratio | target | met |")
        .contains("| core | p99, with \"quotes\", and commas — note | 120 us | 100 us (raw JGroups) | 1.20x | <= 1.30x | yes |")
        .contains("| jmh | decode | 0.500 us/op | — | — |  |  |");
    r.write(dir);
    assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(3)
        .element(1).asString().startsWith("core,\"p99, with \"\"quotes\"\", and commas\",us,120");
    assertThat(Files.readString(dir.resolve("results.json"))).contains("\"ratio\": 1.20000")
        .contains("\"baseline\": null");
    assertThat(ImageIO.read(dir.resolve("latency.png").toFile())).isNotNull()
        .satisfies(img -> assertThat(img.getWidth()).isPositive());
  }
}
