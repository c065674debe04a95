package org.alertcluster.impl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.api.ClusterConfig;

/** Fast cluster timings for tests, and a list of peers closed after each test. */
public final class TestPeers implements AutoCloseable {

  public final String cluster = "test-" + UUID.randomUUID().toString().substring(0, 8);
  final List<JGroupsPeer> peers = new ArrayList<>();

  /** A configuration on 127.0.0.1, port chosen by the OS, with short timings. */
  public ClusterConfig.Builder config() {
    return ClusterConfig.builder()
        .clusterName(cluster)
        .bindAddress("127.0.0.1:0")
        .settleInterval(Duration.ofMillis(100))
        .settleStablePolls(2)
        .settleTimeout(Duration.ofSeconds(15))
        .joinTimeout(Duration.ofMillis(400))
        .probeInterval(Duration.ofMillis(200))
        .probeTimeout(Duration.ofMillis(300))
        // Crashes are caught by FD_SOCK2 at once; a generous heartbeat timeout keeps a loaded
        // 2-core CI box from suspecting live members.
        .failureDetectionTimeout(Duration.ofMillis(4000))
        .reconnectInterval(Duration.ofMillis(1000))
        .pushPullInterval(Duration.ofMinutes(5))
        .tcpTimeout(Duration.ofSeconds(3))
        .resolveTimeout(Duration.ofSeconds(2));
  }

  public JGroupsPeer start(ClusterConfig config) {
    JGroupsPeer p = JGroupsPeer.start(config);
    peers.add(p);
    return p;
  }

  /** Starts a peer that knows the given peers' addresses. */
  public JGroupsPeer startKnowing(ClusterConfig.Builder b, JGroupsPeer... known) {
    List<String> addrs = new ArrayList<>();
    for (JGroupsPeer k : known) {
      addrs.add(k.self().address());
    }
    return start(b.knownPeers(addrs).build());
  }

  /** Starts {@code n} peers: the first alone, the others knowing the first. */
  public List<JGroupsPeer> startCluster(int n) {
    List<JGroupsPeer> list = new ArrayList<>();
    JGroupsPeer first = start(config().build());
    list.add(first);
    for (int i = 1; i < n; i++) {
      list.add(startKnowing(config(), first));
    }
    return list;
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (JGroupsPeer p : peers) {
      p.leave(Duration.ofSeconds(2));
    }
  }
}
