package org.alertcluster.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkMainTest {

  @Test
  void parsesTheCommandLine() {
    BenchmarkMain.Options o = BenchmarkMain.parse("--quick", "--only=core,jmh", "--out", "x", "--tls");
    assertThat(o.quick()).isTrue();
    assertThat(o.tls()).isTrue();
    assertThat(o.only()).containsExactly("core", "jmh");
    assertThat(o.out()).isEqualTo(Path.of("x"));
    assertThat(o.wants("replica")).isFalse();
    assertThat(BenchmarkMain.parse().wants("replica")).isTrue();
  }

  @Test
  void refusesUnknownSectionsAndArguments() {
    assertThatThrownBy(() -> BenchmarkMain.parse("--only", "disk"))
        .hasMessageContaining("--only: unknown section 'disk'");
    assertThatThrownBy(() -> BenchmarkMain.parse("--fast")).hasMessageContaining("unknown argument '--fast'");
    assertThatThrownBy(() -> BenchmarkMain.parse("--out")).hasMessageContaining("--out needs a value");
  }
}
