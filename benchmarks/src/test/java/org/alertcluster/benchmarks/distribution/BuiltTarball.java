package org.alertcluster.benchmarks.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The distribution tarball the reactor built before this module, unpacked as a user would. */
final class BuiltTarball {

  private BuiltTarball() {}

  /**
   * Unpacks {@code distribution/target/alertcluster-node-*.tar.gz} into {@code into} with
   * {@code tar}; skips the test when the distribution was not built.
   *
   * @return the unpacked home ({@code alertcluster-node-VERSION/}, holding bin/ and lib/)
   */
  static Path unpackInto(Path into) throws Exception {
    Path target = Path.of("../distribution/target");
    assumeTrue(Files.isDirectory(target), "distribution not built (run through the reactor)");
    Path tar;
    try (Stream<Path> s = Files.list(target)) {
      tar = s.filter(p -> p.getFileName().toString().matches("alertcluster-node-.*\\.tar\\.gz")).findFirst()
          .orElseThrow(() -> new AssertionError("no alertcluster-node-*.tar.gz in " + target.toAbsolutePath()));
    }
    Files.createDirectories(into);
    Process p = new ProcessBuilder("tar", "xzf", tar.toAbsolutePath().toString(), "-C", into.toString())
        .inheritIO().start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("tar xzf %s", tar).isTrue();
    try (Stream<Path> s = Files.list(into)) {
      return s.findFirst().orElseThrow();
    }
  }
}
