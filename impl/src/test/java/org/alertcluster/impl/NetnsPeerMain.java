package org.alertcluster.impl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.PeerCluster;

/**
 * A peer with one {@link LwwMapState} ("sil") in its own JVM, started by {@link NetnsClusterTest}
 * inside a network namespace. Arguments: cluster name, bind address ({@code ip:port}), the known
 * peers (comma-separated {@code ip:port}), node name. Prints {@code JOINED <name>}, then reads
 * commands from stdin, one a line: {@code PUT <id>} writes and broadcasts an entry and prints
 * {@code PUT-OK <id>}; {@code STATUS} prints {@code STATUS <members> <entries> <hash of the sorted
 * entry ids>}. Leaves at end of input, and halts after 150 s in any case.
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
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(Duration.ofSeconds(150).toMillis());
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(3);
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try (JGroupsPeer peer = JGroupsPeer.start(config(args[0], args[1], args[2], args[3]))) {
      LwwMapState state = new LwwMapState("sil");
      Channel channel = peer.addState(state);
      System.out.println("JOINED " + peer.name());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("PUT ")) {
          String id = line.substring(4).trim();
          channel.broadcast(state.put(id, peer.name()));
          System.out.println("PUT-OK " + id);
        } else if (line.equals("STATUS")) {
          var ids = state.entries().keySet();
          System.out.println("STATUS " + peer.clusterSize() + " " + ids.size() + " "
              + String.join(",", ids).hashCode());
        }
        System.out.flush();
      }
    }
  }
}
