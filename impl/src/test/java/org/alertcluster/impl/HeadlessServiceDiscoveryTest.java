package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.impl.discovery.Discovery;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes headless-service setup, with DNS faked: every replica's only known peer is the
 * service's SRV name ({@code dnssrv+_cluster._tcp.am.monitoring.svc.cluster.local}, what Kubernetes
 * publishes for a headless service's port named {@code cluster}). Pods appear in DNS one by one as a
 * StatefulSet scales up; the periodic re-resolution (dnsRefreshInterval) hands the new addresses to
 * discovery and the replicas, which first formed separate clusters, merge into one.
 */
class HeadlessServiceDiscoveryTest {

  static final String SERVICE = "_cluster._tcp.am.monitoring.svc.cluster.local";

  @Test
  void replicasKnowingOnlyTheServiceNameFindEachOtherAsPodsAppearInDns() throws Exception {
    List<Discovery.SrvRecord> records = new CopyOnWriteArrayList<>();
    Discovery.Resolver pods = host -> {
      if (host.endsWith(".am.monitoring.svc.cluster.local")) {
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
      }
      throw new UnknownHostException(host);
    };
    Discovery.SrvResolver dns = name -> {
      if (!name.equals(SERVICE)) {
        throw new UnknownHostException(name);
      }
      return List.copyOf(records);
    };
    // The resolvers are the package-private seam of JGroupsPeer.start: DNS is faked, not the peer.
    try (PeerCluster cluster = new PeerCluster(c -> JGroupsPeer.start(c, pods, dns))) {
      int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
      UnaryOperator<ClusterConfig.Builder> replica = b -> b
          .knownPeers(List.of("dnssrv+" + SERVICE)).dnsRefreshInterval(Duration.ofMillis(300));

      // am-0 and am-1 start while DNS lists no pod yet (a StatefulSet's pods start before their
      // records are published, or DNS lags): two clusters of one.
      Peer am0 = cluster.start(b -> replica.apply(b).nodeName("am-0")
          .bindAddress("127.0.0.1:" + ports[0]));
      Peer am1 = cluster.start(b -> replica.apply(b).nodeName("am-1")
          .bindAddress("127.0.0.1:" + ports[1]));
      assertThat(am0.clusterSize()).isEqualTo(1);
      assertThat(am1.clusterSize()).isEqualTo(1);

      // The records appear: the next re-resolution finds them and the two merge.
      records.add(new Discovery.SrvRecord("am-0.am.monitoring.svc.cluster.local", ports[0]));
      records.add(new Discovery.SrvRecord("am-1.am.monitoring.svc.cluster.local", ports[1]));
      await().atMost(Duration.ofSeconds(30)).until(() -> am0.clusterSize() == 2
          && am1.clusterSize() == 2);

      // Scaled up: am-2 finds the others through the service at start.
      records.add(new Discovery.SrvRecord("am-2.am.monitoring.svc.cluster.local", ports[2]));
      Peer am2 = cluster.start(b -> replica.apply(b).nodeName("am-2")
          .bindAddress("127.0.0.1:" + ports[2]));
      await().atMost(Duration.ofSeconds(30)).until(() -> am0.clusterSize() == 3
          && am1.clusterSize() == 3 && am2.clusterSize() == 3);
      assertThat(am2.members()).extracting(m -> m.name()).containsExactly("am-0", "am-1", "am-2");
    }
  }
}
