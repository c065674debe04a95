package org.alertcluster.impl;

import java.time.Duration;
import java.util.Arrays;
import java.nio.file.Path;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.spitests.support.PeerCluster;

/**
 * A peer in its own JVM, started by {@link NetnsClusterTest} inside a network namespace. Arguments:
 * cluster name, bind address ({@code ip:port}), the known peers (comma-separated {@code ip:port}),
 * node name, and {@code -} or the directory holding {@code <name>.crt}, {@code <name>.key} and
 * {@code <name>-ca.crt} for mutual TLS (then the stack uses JGroups' blocking {@code TCP}). Answers the commands of {@link ChildPeerLoop}; halts after 150 s in any case.
 */
public final class NetnsPeerMain {

  private NetnsPeerMain() {}

  /**
   * The peers' configuration: the loopback preset (connects given up after its probe timeout,
   * 300 ms) with failure detection after 2 s, the setting that split the cluster with JGroups'
   * blocking TCP transport: a multicast dialled the members in turn on one thread, so an address
   * whose link was cut held every multicast, heartbeats included, for the connect timeout (then
   * 1–2 s), and the reachable side suspected itself apart (1 run in 4: three singletons that did
   * not merge within 30 s).
   */
  static ClusterConfig config(String cluster, String bind, String known, String name,
      String tlsDir) {
    ClusterConfig.Builder b = PeerCluster.testDefaults(cluster, 0);
    if (!tlsDir.equals("-")) {
      Path dir = Path.of(tlsDir);
      b.tls(TlsConfig.builder().certificateFile(dir.resolve(name + ".crt").toString())
          .keyFile(dir.resolve(name + ".key").toString())
          .caFile(dir.resolve(name + "-ca.crt").toString()).build());
    }
    return b
        .bindAddress(bind)
        .knownPeers(Arrays.asList(known.split(",")))
        .nodeName(name)
        .failureDetectionTimeout(Duration.ofSeconds(2))
        .pushPullInterval(Duration.ofMinutes(10)) // only merges repair: anti-entropy is far off
        .build();
  }

  public static void main(String[] args) throws Exception {
    ChildPeerLoop.serve(config(args[0], args[1], args[2], args[3], args[4]),
        Duration.ofSeconds(150));
  }
}
