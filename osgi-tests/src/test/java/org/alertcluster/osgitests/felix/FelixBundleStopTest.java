package org.alertcluster.osgitests.felix;

import static org.alertcluster.osgitests.support.TestPorts.canBind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.alertcluster.osgitests.probe.ProbeBundle;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Stopping the impl bundle must leave nothing behind: no thread it started (JGroups timers,
 * receivers, the peer's own executors), no bound port, no registered service. A container that
 * updates bundles in place would otherwise leak a JGroups stack per update.
 */
class FelixBundleStopTest {

  @TempDir Path tmp;

  @Test
  void stoppingImplLeavesNoThreadAndNoOpenPort() throws Exception {
    int port = FreePorts.next();
    try (FelixContainer c = FelixContainer.start(tmp.resolve("g"), false)) {
      c.installAndStart(ProbeBundle.of("probe.g", "probe").writeTo(tmp));
      // Configure before impl starts, so ConfigAdmin's own threads exist before the snapshot.
      c.configurePeer("g", c.peerProperties("felix-" + System.nanoTime(), "g", port, List.of()));
      Set<Thread> before = Thread.getAllStackTraces().keySet();

      Bundle impl = c.impl();
      impl.start();
      FelixPeerComponentTest.awaitService(c, FelixPeerComponentTest.PEER, null);
      FelixPeerComponentTest.awaitReference(c, "(alertcluster.state.key=probe)");
      Set<String> whileRunning = names(newThreads(before));
      // Proves the check below can fail: the peer runs threads of its own and holds the port.
      assertThat(whileRunning).as("threads started by the running peer").isNotEmpty();
      assertThat(canBind(port)).as("port %d held by the peer", port).isFalse();

      impl.stop();
      assertThat(c.references(FelixPeerComponentTest.PEER, null)).isEmpty();
      assertThat(c.references(FelixPeerComponentTest.CHANNEL, null)).isEmpty();
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(names(newThreads(before)))
              .as("threads still alive after stopping impl (were %s)", whileRunning).isEmpty());
      assertThat(canBind(port)).as("port %d free again", port).isTrue();
    }
  }

  /** Live threads that did not exist in {@code before}, ignoring the test tool's own. */
  private static Set<Thread> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .filter(t -> !t.getName().startsWith("awaitility"))
        .collect(Collectors.toSet());
  }

  private static Set<String> names(Set<Thread> threads) {
    return threads.stream().map(Thread::getName).collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
