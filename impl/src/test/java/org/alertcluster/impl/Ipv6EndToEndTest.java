package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.sample.LwwEntry;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.Test;

/**
 * IPv6 literals end to end: peers bound to {@code [::1]:port}, knowing each other as
 * {@code [::1]:port}, form one cluster, replicate, and report {@code [::1]:port} addresses. Runs in
 * its own surefire execution without {@code -Djava.net.preferIPv4Stack=true}.
 */
class Ipv6EndToEndTest {

  @Test
  void peersOnIpv6LoopbackFormAClusterAndReplicate() throws Exception {
    assumeTrue(!Boolean.getBoolean("java.net.preferIPv4Stack"),
        "this JVM prefers the IPv4 stack; run by surefire execution 'ipv6'");
    assumeTrue(canBindIpv6Loopback(), "::1 cannot be bound on this machine: IPv6 test skipped");
    try (PeerCluster cluster = new PeerCluster(Peers::create)) {
      int portA = freeIpv6Port();
      Peer a = cluster.start(b -> b.bindAddress("[::1]:" + portA));
      assertThat(a.self().address()).isEqualTo("[0:0:0:0:0:0:0:1]:" + portA);
      Peer b = cluster.start(c -> c.bindAddress("[::1]:0").knownPeers(List.of("[::1]:" + portA)));
      await().atMost(Duration.ofSeconds(30)).until(() -> a.clusterSize() == 2 && b.clusterSize() == 2);
      assertThat(b.members()).extracting(m -> m.address())
          .allMatch(addr -> addr.startsWith("[0:0:0:0:0:0:0:1]:"));

      LwwMapState sa = new LwwMapState("v6");
      LwwMapState sb = new LwwMapState("v6");
      a.addState(sa).broadcast(sa.put("k", "over-ipv6"));
      b.addState(sb);
      await().atMost(Duration.ofSeconds(30)).until(() -> sb.get("k").map(LwwEntry::value)
          .filter("over-ipv6"::equals).isPresent());
    }
  }

  private static boolean canBindIpv6Loopback() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return s.getInetAddress() instanceof Inet6Address;
    } catch (Exception e) {
      return false;
    }
  }

  private static int freeIpv6Port() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return s.getLocalPort();
    }
  }
}
