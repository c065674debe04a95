package org.alertcluster.impl.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.impl.TestSeam;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.View;
import org.jgroups.protocols.TCPPING;
import org.jgroups.stack.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The discovery door on the peer's real stack (a channel that is built, not connected): TCPPING's
 * host list follows the known and the failed peers, and "every known peer is a member" compares
 * advertised addresses.
 */
class DiscoveryTest {

  private static final InetSocketAddress SELF = new InetSocketAddress("127.0.0.1", 7001);
  private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.1", 7002);
  private static final InetSocketAddress THIRD = new InetSocketAddress("127.0.0.1", 7003);
  private static final InetSocketAddress FAILED = new InetSocketAddress("127.0.0.1", 7009);

  private final ExecutorService lookups = Executors.newCachedThreadPool();
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stop() {
    lookups.shutdownNow();
    scheduler.shutdownNow();
  }

  private Discovery discovery(ClusterConfig config) {
    return new Discovery("d0", config, lookups, host -> {
      throw new java.net.UnknownHostException(host);
    }, Discovery.systemSrvResolver());
  }

  private static ClusterConfig config(List<String> known) {
    return ClusterConfig.loopback().clusterName("d-" + UUID.randomUUID()).knownPeers(known).build();
  }

  @Test
  void tcppingProbesTheKnownPeersAndTheFailedOnesUntilTheyAreForgotten() throws Exception {
    ClusterConfig config = config(List.of("127.0.0.1:7001", "127.0.0.1:7002"));
    Discovery d = discovery(config);
    assertThat(d.resolve()).containsExactly(SELF, OTHER);
    try (JChannel ch = TestSeam.rawChannel(config, SELF, Set.of())) {
      TCPPING ping = ch.getProtocolStack().findProtocol(TCPPING.class);
      d.attach(ch, new IpAddress(SELF), a -> null);
      assertThat(ping.getInitialHosts()).containsExactlyInAnyOrder(new IpAddress(SELF),
          new IpAddress(OTHER));

      d.failedChanged(List.of(FAILED), false);
      assertThat(ping.getInitialHosts()).contains(new IpAddress(FAILED)).hasSize(3);
      d.failedChanged(List.of(), true);
      assertThat(ping.getInitialHosts()).doesNotContain(new IpAddress(FAILED)).hasSize(2);
    }
  }

  @Test
  void everyKnownPeerIsAMemberComparesAdvertisedAddressesAndNeedsAnotherKnownPeer()
      throws Exception {
    Address self = randomUUID();
    Address other = randomUUID();
    Address third = randomUUID();
    Map<Address, PhysicalAddress> physical = Map.of(self, new IpAddress(SELF),
        other, new IpAddress(OTHER), third, new IpAddress(THIRD));
    View both = View.create(self, 1, self, other);
    View all = View.create(self, 2, self, other, third);

    ClusterConfig config = config(List.of("127.0.0.1:7001", "127.0.0.1:7002", "127.0.0.1:7003"));
    Discovery d = discovery(config);
    d.resolve();
    assertThat(d.everyKnownPeerIn(all)).as("before attach").isFalse();
    try (JChannel ch = TestSeam.rawChannel(config, SELF, Set.of())) {
      d.attach(ch, new IpAddress(SELF), physical::get);
      assertThat(d.everyKnownPeerIn(null)).as("no view yet").isFalse();
      assertThat(d.everyKnownPeerIn(both)).as("7003 missing").isFalse();
      assertThat(d.everyKnownPeerIn(all)).isTrue();
    }

    ClusterConfig alone = config(List.of("127.0.0.1:7001"));
    Discovery onlySelf = discovery(alone);
    onlySelf.resolve();
    try (JChannel ch = TestSeam.rawChannel(alone, SELF, Set.of())) {
      onlySelf.attach(ch, new IpAddress(SELF), physical::get);
      assertThat(onlySelf.everyKnownPeerIn(all))
          .as("a known-peer list with only this peer never counts as complete").isFalse();
    }
  }

  @Test
  void onlyNamesAreResolvedAgain() {
    discovery(config(List.of("127.0.0.1:7002"))).scheduleRefresh(scheduler, () -> true);
    assertThat(scheduler.getQueue()).as("IP literals: no DNS refresh, only the known-peer check")
        .hasSize(1);
    discovery(config(List.of("am-1.example:7002"))).scheduleRefresh(scheduler, () -> true);
    assertThat(scheduler.getQueue()).as("a host name: refreshed every dnsRefreshInterval too")
        .hasSize(3);
  }

  private static Address randomUUID() {
    return org.jgroups.util.UUID.randomUUID();
  }
}
