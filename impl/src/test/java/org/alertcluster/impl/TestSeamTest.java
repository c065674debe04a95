package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.spitests.sample.LwwMapState;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.protocols.DISCARD;
import org.junit.jupiter.api.Test;

/** What other modules' tests and benchmarks get through {@link TestSeam} works, and only on impl's peers. */
class TestSeamTest {

  private static ClusterConfig config() {
    return ClusterConfig.loopback().clusterName("seam-" + UUID.randomUUID()).build();
  }

  @Test
  void isolateCutsAPeerOffAndReconnectsItAndRejectsOtherPeers() {
    try (JGroupsPeer peer = JGroupsPeer.start(config())) {
      TestSeam.isolate(peer, true);
      assertThat((Object) peer.channelForTesting().getProtocolStack().findProtocol(DISCARD.class))
          .isNotNull();
      TestSeam.isolate(peer, false);
      assertThat((Object) peer.channelForTesting().getProtocolStack().findProtocol(DISCARD.class))
          .isNull();
    }
    Peer foreign = (Peer) Proxy.newProxyInstance(Peer.class.getClassLoader(),
        new Class<?>[] {Peer.class}, (proxy, method, args) -> null);
    assertThatThrownBy(() -> TestSeam.isolate(foreign, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alertcluster-impl");
  }

  @Test
  void rawChannelsFormAGroupOnThePeersStackAndDeliver() throws Exception {
    ClusterConfig config = config();
    InetSocketAddress first = TestSeam.freeEndpoint(config);
    List<String> received = new CopyOnWriteArrayList<>();
    try (JChannel a = TestSeam.rawChannel(config, first, Set.of(first));
         JChannel b = TestSeam.rawChannel(config, TestSeam.freeEndpoint(config), Set.of(first))) {
      assertThat(a.getProtocolStack().getProtocols()).extracting(p -> p.getClass().getSimpleName())
          .contains("ConnectDeadlineTcpNio2", "KnownPeersPing", "CountingMFC");
      b.setReceiver(new Receiver() {
        @Override
        public void receive(Message msg) {
          received.add(new String(msg.getArray(), msg.getOffset(), msg.getLength()));
        }
      });
      a.connect(config.clusterName());
      b.connect(config.clusterName());
      await().atMost(Duration.ofSeconds(20)).until(() -> a.getView().size() == 2);
      a.send(new BytesMessage(null, "hello".getBytes()));
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("hello"));
    }
  }

  @Test
  void theReceivePathMergesUpdatesAndFullStatesAndRejectsOtherBytes() {
    LwwMapState source = new LwwMapState("nfl");
    LwwMapState target = new LwwMapState("nfl");
    Consumer<byte[]> receiver = TestSeam.receiver(target);

    receiver.accept(TestSeam.updateEnvelope("nfl", source.put("a", "1")));
    assertThat(target.get("a")).isPresent();

    source.put("b", "2");
    byte[] full = TestSeam.fullStateEncoder(source).get();
    assertThat(TestSeam.decode(full)).isNotNull();
    receiver.accept(full);
    assertThat(target.sameEntries(source)).isTrue();

    assertThatThrownBy(() -> receiver.accept(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestSeam.receiver(new LwwMapState("x"), new LwwMapState("x")))
        .hasMessageContaining("'x'");
  }
}
