package org.alertcluster.impl;

import java.time.Duration;
import java.util.Arrays;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.spitests.support.PeerCluster;

/**
 * A peer in its own JVM, started by {@link NetnsClusterTest} inside a network namespace. Arguments:
 * cluster name, bind address ({@code ip:port}), the known peers (comma-separated {@code ip:port}),
 * node name. Answers the commands of {@link ChildPeerLoop}; halts after 150 s in any case.
 */
public final class NetnsPeerMain {

  private NetnsPeerMain() {}

  /**
   * The peers' configuration: the loopback preset's timings (failure detection after 4 s), TCP
   * connects bounded by 1 s. Why the bound: JGroups sends a multicast to each member in turn on
   * one thread and connects synchronously; an address that no longer answers (its link moved to the
   * other bridge) held every multicast, heartbeats included, for the whole connect timeout (2 s),
   * and with failure detection at 2 s the reachable side then suspected itself apart (1 run in 4:
   * three singletons that did not merge within 30 s).
   */
  static ClusterConfig config(String cluster, String bind, String known, String name) {
    return PeerCluster.testDefaults(cluster, 0)
        .bindAddress(bind)
        .knownPeers(Arrays.asList(known.split(",")))
        .nodeName(name)
        .tcpTimeout(Duration.ofSeconds(1))
        .pushPullInterval(Duration.ofMinutes(10)) // only merges repair: anti-entropy is far off
        .build();
  }

  public static void main(String[] args) throws Exception {
    ChildPeerLoop.serve(config(args[0], args[1], args[2], args[3]), Duration.ofSeconds(150));
  }
}
