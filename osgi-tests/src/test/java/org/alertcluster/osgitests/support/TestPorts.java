package org.alertcluster.osgitests.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.spitests.support.FreePorts;

/**
 * Whether a loopback port is free, and the short cluster timings the container tests run with.
 * Free ports come from the kit's {@link FreePorts}.
 */
public final class TestPorts {

  private TestPorts() {}

  /** Whether {@code port} on 127.0.0.1 can be bound right now (nobody listens on it). */
  public static boolean canBind(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Configuration properties of one peer in a test cluster: bound to 127.0.0.1:{@code port},
   * knowing {@code peers}, with timings short enough for a test and otherwise defaults.
   */
  public static Map<String, Object> peerProperties(String cluster, String nodeName, int port,
      List<Integer> peers) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("clusterName", cluster);
    p.put("nodeName", nodeName);
    p.put("bindAddress", "127.0.0.1:" + port);
    p.put("knownPeers", peers.stream().map(q -> "127.0.0.1:" + q).toArray(String[]::new));
    p.put("joinTimeout", 1000L);
    p.put("settleInterval", 200L);
    p.put("settleStablePolls", 2);
    p.put("settleTimeout", 3000L);
    p.put("pushPullInterval", 2000L);
    p.put("reconnectInterval", 1000L);
    p.put("probeInterval", 500L);
    p.put("probeTimeout", 500L);
    p.put("failureDetectionTimeout", 3000L);
    p.put("leaveTimeout", 2000L);
    return p;
  }
}
