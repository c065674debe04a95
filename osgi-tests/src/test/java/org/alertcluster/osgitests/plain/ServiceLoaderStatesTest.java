package org.alertcluster.osgitests.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.alertcluster.osgitests.support.TestPorts;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain-JVM counterpart of the State whiteboard: {@link Peers#createWithDiscoveredStates}
 * adds the States a jar lists in {@code META-INF/services/org.alertcluster.api.State}, and the
 * PeerProvider is found the same way (the impl jar's own services file). The listing jar is written
 * by the test and loaded through a URLClassLoader, the way a host assembles plugins.
 */
class ServiceLoaderStatesTest {

  @TempDir Path tmp;

  @Test
  void statesListedInAJarAreAddedAndReplicate() throws Exception {
    String cluster = "plain-" + System.nanoTime();
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    DiscoveredState.INSTANCES.clear();
    try (URLClassLoader loader = loaderListing(tmp.resolve("states.jar"),
            DiscoveredState.class.getName());
         Peer a = Peers.createWithDiscoveredStates(config(cluster, "a", portA, portB), loader);
         Peer b = Peers.createWithDiscoveredStates(config(cluster, "b", portB, portA), loader)) {
      // ServiceLoader instantiated one State per peer, A's first.
      assertThat(DiscoveredState.INSTANCES).hasSize(2);
      DiscoveredState stateA = DiscoveredState.INSTANCES.get(0);
      DiscoveredState stateB = DiscoveredState.INSTANCES.get(1);
      Channel channel = a.channel("discovered").orElseThrow();
      assertThat(b.channel("discovered")).isPresent();
      await().atMost(Duration.ofSeconds(30)).until(() -> a.clusterSize() == 2);

      channel.broadcast(stateA.add("from-a"));
      await().atMost(Duration.ofSeconds(30)).until(() -> stateB.contents().contains("from-a"));
    }
  }

  @Test
  void withoutAListingNoStateIsAdded() throws Exception {
    int port = FreePorts.next();
    try (Peer peer = Peers.createWithDiscoveredStates(config("plain-" + System.nanoTime(), "x",
        port, port), getClass().getClassLoader())) {
      assertThat(peer.channel("discovered")).isEmpty();
      assertThat(Peers.discoverStates(getClass().getClassLoader())).isEmpty();
    }
  }

  @Test
  void twoListedStatesWithOneKeyAreRefused() throws Exception {
    int port = FreePorts.next();
    try (URLClassLoader loader = loaderListing(tmp.resolve("twins.jar"),
        DiscoveredState.class.getName(), DiscoveredState.Twin.class.getName())) {
      assertThatThrownBy(() -> Peers.createWithDiscoveredStates(
          config("plain-" + System.nanoTime(), "t", port, port), loader))
          .isInstanceOf(IllegalStateException.class);
    }
    // The half-built peer was closed: its port is free again.
    await().atMost(Duration.ofSeconds(20))
        .until(() -> org.alertcluster.osgitests.support.TestPorts.canBind(port));
  }

  private static ClusterConfig config(String cluster, String name, int port, int other) {
    return (ClusterConfig) TestPorts.testConfig(ClusterConfig.class, cluster, name, port,
        List.of(port, other));
  }

  /** A class loader over a jar holding only META-INF/services/org.alertcluster.api.State. */
  private static URLClassLoader loaderListing(Path jar, String... classNames) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
         JarOutputStream jos = new JarOutputStream(out)) {
      jos.putNextEntry(new JarEntry("META-INF/services/" + State.class.getName()));
      jos.write(String.join("\n", classNames).getBytes(StandardCharsets.UTF_8));
      jos.closeEntry();
    }
    return new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ServiceLoaderStatesTest.class.getClassLoader());
  }
}
