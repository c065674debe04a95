package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.alertcluster.impl.stack.StackBuilder;
import org.alertcluster.impl.wire.FullState;
import org.alertcluster.impl.wire.Part;
import org.alertcluster.impl.wire.WireCodec;
import org.alertcluster.spitests.sample.LwwCodec;
import org.alertcluster.spitests.sample.LwwEntry;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.PeerCluster;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Throwing States and garbage from the network are counted and survived. */
class RobustnessTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);

  @AfterEach
  void close() {
    cluster.close();
  }

  /** A State whose every method except key() throws. */
  static final class BrokenState implements State {
    private final String key;

    BrokenState(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public byte[] marshalBinary() {
      throw new IllegalStateException("cannot marshal");
    }

    @Override
    public void merge(byte[] data) {
      throw new IllegalArgumentException("cannot merge");
    }
  }

  @Test
  void throwingStateIsCountedAndOtherKeysKeepWorking() {
    Peer a = cluster.start(cfg -> cfg);
    Peer b = cluster.start(cfg -> cfg, a);
    await().atMost(Duration.ofSeconds(15)).until(() -> a.clusterSize() == 2 && b.clusterSize() == 2);
    LwwMapState aBad = new LwwMapState("bad");
    LwwMapState aGood = new LwwMapState("good");
    a.addState(aBad);
    a.addState(aGood);
    b.addState(new BrokenState("bad"));
    LwwMapState bGood = new LwwMapState("good");
    b.addState(bGood);
    bGood.put("only-on-b", "1"); // never broadcast: travels only in b's full state

    a.channel("bad").orElseThrow().broadcast(aBad.put("x", "1"));
    a.channel("good").orElseThrow().broadcast(aGood.put("y", "2"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(b.metrics().get(ClusterMetric.MERGES_FAILED)).isPositive();
      assertThat(bGood.get("y")).map(LwwEntry::value).hasValue("2");
    });

    // A joiner's full exchange with b: b's "bad" cannot marshal, its "good" still goes.
    Peer c = cluster.start(cfg -> cfg, b);
    LwwMapState cGood = new LwwMapState("good");
    c.addState(cGood);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(b.metrics().get(ClusterMetric.MARSHALS_FAILED)).isPositive();
      assertThat(cGood.get("only-on-b")).map(LwwEntry::value).hasValue("1");
      assertThat(cGood.get("y")).map(LwwEntry::value).hasValue("2");
    });
    // c has no "bad" State: updates for it are counted as unknown keys, never fatal. (c joined
    // with no State registered, so its join exchange was skipped; its catch-up asked for "good"
    // only: a's broadcast is what carries a "bad" part to it.)
    a.channel("bad").orElseThrow().broadcast(aBad.put("z", "3"));
    await().atMost(Duration.ofSeconds(10)).until(() -> c.metrics().get(ClusterMetric.UNKNOWN_KEYS) > 0);
  }

  @Test
  void garbageFromTheNetworkIsCountedAndDropped() throws Exception {
    Peer a = cluster.start(cfg -> cfg);
    LwwMapState state = new LwwMapState("sil");
    a.addState(state);
    var cfg = cluster.config().knownPeers(List.of(a.self().address())).build();
    StackBuilder.Endpoints ep = StackBuilder.pickFreePort(StackBuilder.endpoints(cfg));
    InetSocketAddress known = new InetSocketAddress("127.0.0.1",
        Integer.parseInt(a.self().address().split(":")[1]));
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (JChannel raw = StackBuilder.create(cfg, ep, Set.of(known))) {
      raw.name("garbage-sender");
      raw.connect(cluster.clusterName());
      await().atMost(Duration.ofSeconds(15)).until(() -> a.clusterSize() == 2);
      raw.send(new BytesMessage(null, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}));
      byte[] noise = new byte[64];
      random.nextBytes(noise);
      raw.send(new BytesMessage(null, noise));
      raw.send(new BytesMessage(null, WireCodec.update("nobody-has-this-key", new byte[] {1})));
      raw.send(new BytesMessage(null, WireCodec.update("sil", new byte[] {9, 9, 9}))); // State rejects
      raw.send(new BytesMessage(null, WireCodec.update("sil", LwwCodec.encode(
          List.of(new LwwEntry("k", "v", 1))))));
      // A one-way full state is merged too.
      raw.send(new BytesMessage(null, WireCodec.fullStatePush(FullState.newBuilder()
          .addParts(Part.newBuilder().setKey("sil").setData(ByteString.copyFrom(LwwCodec.encode(
              List.of(new LwwEntry("pushed", "p", 1)))))).build())));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        var m = a.metrics();
        assertThat(m.get(ClusterMetric.MALFORMED_MESSAGES)).as("seed %d", seed).isGreaterThanOrEqualTo(1);
        assertThat(m.get(ClusterMetric.UNKNOWN_KEYS) + m.get(ClusterMetric.MALFORMED_MESSAGES)).as("seed %d", seed).isGreaterThanOrEqualTo(3);
        assertThat(m.get(ClusterMetric.MERGES_FAILED)).isEqualTo(1);
        assertThat(state.get("k")).map(LwwEntry::value).hasValue("v"); // the good message after the garbage still merged
        assertThat(state.get("pushed")).map(LwwEntry::value).hasValue("p");
        assertThat(m.get(ClusterMetric.FULL_STATES_RECEIVED)).isEqualTo(1);
      });
    }
  }
}
