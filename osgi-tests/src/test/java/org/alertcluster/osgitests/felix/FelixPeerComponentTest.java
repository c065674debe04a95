package org.alertcluster.osgitests.felix;

import static org.alertcluster.osgitests.support.TestPorts.canBind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.alertcluster.osgitests.probe.ProbeBundle;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The impl bundle in embedded Felix 7 with SCR, ConfigAdmin and Metatype: configuration creates the
 * Peer service, States contributed by other bundles replicate to a peer in a second framework, the
 * whiteboard follows the State services, configuration changes re-register the peer.
 *
 * <p>Services are used reflectively ({@link Reflect}): the api is deliberately not on this test's
 * class path (nor exported by the system bundle), so the bundles wire exactly as in production and
 * the test shares only JDK types with them.
 */
class FelixPeerComponentTest {

  static final String PEER = "org.alertcluster.api.Peer";
  static final String CHANNEL = "org.alertcluster.api.Channel";
  static final String STATE = "org.alertcluster.api.State";
  static final String CONDITION = "org.osgi.service.condition.Condition";
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void configuredPeersReplicateAWhiteboardStateAcrossTwoFrameworks() throws Exception {
    String cluster = "felix-" + System.nanoTime();
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    List<Integer> both = List.of(portA, portB);
    try (FelixContainer a = FelixContainer.start(tmp.resolve("a"), true);
         FelixContainer b = FelixContainer.start(tmp.resolve("b"), true)) {
      a.configurePeer("a", a.peerProperties(cluster, "node-a", portA, both));
      b.configurePeer("b", b.peerProperties(cluster, "node-b", portB, both));

      Object peerA = awaitService(a, PEER, "(&(alertcluster.cluster=" + cluster
          + ")(alertcluster.peer.name=node-a))");
      awaitService(b, PEER, "(&(alertcluster.cluster=" + cluster
          + ")(alertcluster.peer.name=node-b))");
      await().atMost(WAIT).until(() -> (Integer) Reflect.call(peerA, "clusterSize") == 2);

      // Host bundles, built now: "probe" in both frameworks (one bound to the cluster by property),
      // and a control key only in B that shows delivery still works after "probe" goes there.
      a.installAndStart(ProbeBundle.of("probe.a", "probe").entries("seed-a").writeTo(tmp));
      b.installAndStart(ProbeBundle.of("probe.b", "probe").cluster(cluster).entries("seed-b")
          .writeTo(tmp));
      b.installAndStart(ProbeBundle.of("control.b", "control").writeTo(tmp));

      Object channelA = awaitService(a, CHANNEL, "(&(alertcluster.state.key=probe)"
          + "(alertcluster.cluster=" + cluster + ")(alertcluster.peer.name=node-a))");
      awaitService(b, CHANNEL, "(alertcluster.state.key=probe)");
      Object stateA = awaitService(a, STATE, "(alertcluster.state.key=probe)");
      Object stateB = awaitService(b, STATE, "(alertcluster.state.key=probe)");
      Object controlB = awaitService(b, STATE, "(alertcluster.state.key=control)");

      // Adding a State catches it up with a full-state exchange for its key, in both directions.
      await().atMost(WAIT).until(() -> contents(stateB).containsAll(Set.of("seed-a", "seed-b")));
      await().atMost(WAIT).until(() -> contents(stateA).containsAll(Set.of("seed-a", "seed-b")));

      Reflect.call(channelA, "broadcast", "update-1".getBytes(StandardCharsets.UTF_8));
      await().atMost(WAIT).until(() -> contents(stateB).contains("update-1"));

      // Unregistering the State (its bundle stops) removes it: Channel service gone, no delivery.
      a.installAndStart(ProbeBundle.of("control.a", "control").writeTo(tmp));
      Object controlChannelA = awaitService(a, CHANNEL, "(alertcluster.state.key=control)");
      b.bundle("probe.b.jar").stop();
      await().atMost(WAIT).until(() -> b.references(CHANNEL, "(alertcluster.state.key=probe)")
          .isEmpty());
      Reflect.call(channelA, "broadcast", "after-removal".getBytes(StandardCharsets.UTF_8));
      Reflect.call(controlChannelA, "broadcast", "control-1".getBytes(StandardCharsets.UTF_8));
      await().atMost(WAIT).until(() -> contents(controlB).contains("control-1"));
      assertThat(contents(stateB)).doesNotContain("after-removal");
    }
  }

  @Test
  void aDsComponentGetsItsChannelByReferenceFilterAndReplicates() throws Exception {
    String cluster = "felix-" + System.nanoTime();
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    List<Integer> both = List.of(portA, portB);
    try (FelixContainer a = FelixContainer.start(tmp.resolve("dsa"), true);
         FelixContainer b = FelixContainer.start(tmp.resolve("dsb"), true)) {
      a.configurePeer("a", a.peerProperties(cluster, "ds-a", portA, both));
      b.configurePeer("b", b.peerProperties(cluster, "ds-b", portB, both));
      Object peerA = awaitService(a, PEER, null);
      await().atMost(WAIT).until(() -> (Integer) Reflect.call(peerA, "clusterSize") == 2);

      a.installAndStart(ProbeBundle.ds("ds.probe.a").writeTo(tmp.resolve("a-jar")));
      b.installAndStart(ProbeBundle.ds("ds.probe.b").writeTo(tmp.resolve("b-jar")));
      Object stateA = awaitService(a, STATE, "(alertcluster.state.key=ds-probe)");
      Object stateB = awaitService(b, STATE, "(alertcluster.state.key=ds-probe)");
      String helloA = (String) Reflect.call(stateA, "hello");
      String helloB = (String) Reflect.call(stateB, "hello");
      // Each component broadcast through the Channel DS bound to it; each sees the other's entry.
      await().atMost(WAIT).until(() -> contents(stateB).containsAll(Set.of(helloA, helloB))
          && contents(stateA).containsAll(Set.of(helloA, helloB)));
    }
  }

  @Test
  void changedConfigurationRejoinsUnderTheNewNameAndDeletingItLeaves() throws Exception {
    String cluster = "felix-" + System.nanoTime();
    int port = FreePorts.next();
    try (FelixContainer c = FelixContainer.start(tmp.resolve("c"), true)) {
      c.installAndStart(ProbeBundle.of("probe.c", "probe").writeTo(tmp));
      Object config = c.configurePeer("c", c.peerProperties(cluster, "first", port, List.of()));
      awaitService(c, PEER, "(alertcluster.peer.name=first)");
      awaitService(c, CHANNEL, "(&(alertcluster.state.key=probe)(alertcluster.peer.name=first))");

      Map<String, Object> changed = c.peerProperties(cluster, "second", port, List.of());
      FelixContainer.update(config, changed);
      Object second = awaitService(c, PEER, "(alertcluster.peer.name=second)");
      awaitService(c, CHANNEL, "(&(alertcluster.state.key=probe)(alertcluster.peer.name=second))");
      assertThat(c.references(PEER, null)).hasSize(1);
      assertThat(c.references(CHANNEL, null)).hasSize(1);
      assertThat(Reflect.call(second, "name")).isEqualTo("second");

      // The service is the container's: a consumer cannot make it leave.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Reflect.call(second, "close"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("org.alertcluster.peer");

      FelixContainer.delete(config);
      await().atMost(WAIT).until(() -> c.references(PEER, null).isEmpty()
          && c.references(CHANNEL, null).isEmpty());
      await().atMost(WAIT).until(() -> canBind(port));
      assertThat(Reflect.call(second, "status").toString()).isEqualTo("LEFT");
    }
  }

  @Test
  void aReadyPeerPublishesTheReadinessConditionAndWithdrawsItWhenItLeaves() throws Exception {
    String cluster = "felix-" + System.nanoTime();
    int port = FreePorts.next();
    String ready = "(&(osgi.condition.id=alertcluster.ready)(alertcluster.cluster=" + cluster + "))";
    try (FelixContainer c = FelixContainer.start(tmp.resolve("r"), true)) {
      Object config = c.configurePeer("r", c.peerProperties(cluster, "ready-node", port, List.of()));
      Object peer = awaitService(c, PEER, "(alertcluster.peer.name=ready-node)");

      awaitService(c, CONDITION, ready);
      // Published only once the peer is ready: what a host's satisfying-condition target relies on.
      assertThat(Reflect.call(peer, "status").toString()).isIn("READY", "READY_AFTER_TIMEOUT");
      assertThat(c.references(CONDITION, ready)).singleElement()
          .satisfies(r -> assertThat(r.getProperty("alertcluster.peer.name")).isEqualTo("ready-node"));

      FelixContainer.delete(config);
      await().atMost(WAIT).until(() -> c.references(CONDITION, ready).isEmpty());
      assertThat(Reflect.call(peer, "status").toString()).isEqualTo("LEFT");
    }
  }

  @Test
  void invalidConfigurationFailsActivationWithTheBuildersMessage() throws Exception {
    try (FelixContainer c = FelixContainer.start(tmp.resolve("d"), true)) {
      Map<String, Object> props = c.peerProperties("felix-bad", "bad", FreePorts.next(), List.of());
      props.put("probeInterval", 5000L);
      props.put("failureDetectionTimeout", 1000L);
      c.configurePeer("bad", props);

      Object scr = c.requireService("org.osgi.service.component.runtime.ServiceComponentRuntime");
      await().atMost(WAIT).until(() -> failureOf(scr) != null);
      assertThat(failureOf(scr)).contains("ClusterConfig.failureDetectionTimeout must be greater"
          + " than probeInterval");
      assertThat(c.references(PEER, null)).isEmpty();
    }
  }

  @Test
  void aSecondStateWithTheSameKeyWaitsUntilTheFirstGoes() throws Exception {
    int port = FreePorts.next();
    try (FelixContainer c = FelixContainer.start(tmp.resolve("e"), true)) {
      c.configurePeer("e", c.peerProperties("felix-" + System.nanoTime(), "dup", port, List.of()));
      awaitService(c, PEER, null);
      Bundle first = c.installAndStart(ProbeBundle.of("dup.first", "dup").writeTo(tmp));
      ServiceReference<?> firstChannel = awaitReference(c, "(alertcluster.state.key=dup)");
      c.installAndStart(ProbeBundle.of("dup.second", "dup").writeTo(tmp));
      // Other State services are still adopted while "dup" is contended.
      c.installAndStart(ProbeBundle.of("other", "other").writeTo(tmp));
      awaitReference(c, "(alertcluster.state.key=other)");
      assertThat(c.references(CHANNEL, "(alertcluster.state.key=dup)"))
          .containsExactly(firstChannel);

      first.stop();
      await().atMost(WAIT).until(() -> {
        List<ServiceReference<?>> refs = c.references(CHANNEL, "(alertcluster.state.key=dup)");
        return refs.size() == 1 && !refs.get(0).equals(firstChannel);
      });
    }
  }

  @Test
  void theStateFilterHonoursTheClusterProperty() throws Exception {
    String cluster = "felix-" + System.nanoTime();
    try (FelixContainer c = FelixContainer.start(tmp.resolve("f"), true)) {
      c.configurePeer("f", c.peerProperties(cluster, "f", FreePorts.next(), List.of()));
      awaitService(c, PEER, null);
      c.installAndStart(ProbeBundle.of("elsewhere", "elsewhere").cluster("another-cluster")
          .writeTo(tmp));
      c.installAndStart(ProbeBundle.of("here", "here").cluster(cluster).writeTo(tmp));
      awaitReference(c, "(alertcluster.state.key=here)");
      assertThat(c.references(STATE, "(alertcluster.state.key=elsewhere)")).hasSize(1);
      assertThat(c.references(CHANNEL, "(alertcluster.state.key=elsewhere)")).isEmpty();
    }
  }

  static Object awaitService(FelixContainer c, String objectClass, String filter) {
    return await().atMost(WAIT).until(() -> c.service(objectClass, filter).orElse(null),
        s -> s != null);
  }

  static ServiceReference<?> awaitReference(FelixContainer c, String filter) {
    return await().atMost(WAIT).until(() -> {
      List<ServiceReference<?>> refs = c.references(CHANNEL, filter);
      return refs.isEmpty() ? null : refs.get(0);
    }, r -> r != null);
  }

  static Set<String> contents(Object state) {
    byte[] data = (byte[]) Reflect.call(state, "marshalBinary");
    Set<String> out = new TreeSet<>();
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  /** The failure text DS 1.5 records for our component's configuration, or null. */
  static String failureOf(Object scr) {
    for (Object description : (Iterable<?>) Reflect.call(scr, "getComponentDescriptionDTOs",
        (Object) new Bundle[0])) {
      if (!"org.alertcluster.impl.osgi.PeerComponent".equals(Reflect.field(description, "name"))) {
        continue;
      }
      for (Object configuration : (Iterable<?>) Reflect.call(scr, "getComponentConfigurationDTOs",
          description)) {
        Object failure = Reflect.field(configuration, "failure");
        if (failure != null) {
          return failure.toString();
        }
      }
    }
    return null;
  }
}
