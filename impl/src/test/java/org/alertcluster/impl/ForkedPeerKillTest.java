package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer in a real second JVM, killed with SIGKILL, is detected as failed. */
class ForkedPeerKillTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);
  private Process child;

  @AfterEach
  void cleanUp() {
    if (child != null) {
      child.destroyForcibly();
    }
    cluster.close();
  }

  @Test
  void killedJvmIsDetectedAsFailed() throws Exception {
    Peer local = cluster.start(b -> b.reconnectTimeout(Duration.ofSeconds(3)));
    String java = ProcessHandle.current().info().command().orElse(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Dalertcluster-ci-fork=true",
        "-Djava.net.preferIPv4Stack=true", "-Xmx128m",
        "-cp", System.getProperty("java.class.path"),
        ForkedPeerMain.class.getName(), cluster.clusterName(), local.self().address()));
    child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> joined = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("JOINED ")) {
            return line;
          }
        }
        return "EOF";
      } catch (Exception e) {
        return "EOF " + e;
      }
    });
    String line = joined.get(30, TimeUnit.SECONDS);
    assertThat(line).startsWith("JOINED ");
    String childName = line.split(" ")[1];
    await().atMost(Duration.ofSeconds(15)).until(() -> local.clusterSize() == 2);

    long killed = System.nanoTime();
    child.destroyForcibly(); // SIGKILL: no goodbye, no graceful close
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      assertThat(local.clusterSize()).isEqualTo(1);
      assertThat(local.metrics().get(ClusterMetric.PEERS_FAILED)).isEqualTo(1);
      assertThat(local.metrics().get(ClusterMetric.PEERS_LEFT)).isZero();
    });
    // A figure for the notes, not an assertion: includes the 300 ms leave/failure grace period.
    System.out.printf("SIGKILLed JVM reported failed after %d ms%n",
        (System.nanoTime() - killed) / 1_000_000);
    assertThat(local.members()).extracting(m -> m.name()).doesNotContain(childName);
    await().atMost(Duration.ofSeconds(10)).until(() -> local.metrics().get(ClusterMetric.FAILED_PEERS) == 0);
  }
}
