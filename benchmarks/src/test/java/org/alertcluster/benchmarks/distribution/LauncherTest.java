package org.alertcluster.benchmarks.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user gets it: the tarball unpacks to {@code bin/alertcluster-node} and
 * {@code lib/}, the launcher starts the replica with its JVM options, and {@code JAVA_OPTS} overrides
 * them. (The distribution module builds before this one.)
 */
class LauncherTest {

  @TempDir Path dir;

  private Path unpack() throws Exception {
    return BuiltTarball.unpackInto(dir);
  }

  private static String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
      assertThat(p.exitValue()).as("exit code of %s; output:%n%s", cmd, out).isZero();
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void tarballHasTheLauncherLibAndAnExampleConfig() throws Exception {
    Path home = unpack();
    assertThat(home.resolve("bin/alertcluster-node")).isExecutable();
    assertThat(home.resolve("alertmanager.yml")).isRegularFile();
    try (Stream<Path> s = Files.list(home.resolve("lib"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.startsWith("alertcluster-examples-"))
          .anyMatch(n -> n.startsWith("alertcluster-impl-"))
          .anyMatch(n -> n.startsWith("protobuf-java-"));
    }
  }

  @Test
  void launcherStartsTheReplicaWithItsOptionsAndJavaOptsOverridesThem() throws Exception {
    Path home = unpack();
    String defaults = run(List.of(home.resolve("bin/alertcluster-node").toString(), "--help"),
        Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags", "ALERTCLUSTER_CDS", "off"));
    assertThat(defaults).contains("--cluster.listen-address").contains("-XX:MaxHeapSize=67108864")
        .contains("-XX:+UseSerialGC").contains("-XX:ThreadStackSize=256");
    String overridden = run(List.of(home.resolve("bin/alertcluster-node").toString(), "--help"),
        Map.of("JAVA_OPTS", "-Xmx100m -XX:+PrintCommandLineFlags", "ALERTCLUSTER_CDS", "off"));
    assertThat(overridden).contains("-XX:MaxHeapSize=104857600");
  }
}
