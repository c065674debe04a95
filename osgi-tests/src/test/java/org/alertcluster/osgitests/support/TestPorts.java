package org.alertcluster.osgitests.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.spitests.support.FreePorts;

/**
 * Whether a loopback port is free, and the cluster configuration the container tests run with: the
 * api's loopback preset, as ConfigAdmin properties. No compile-time reference to the api: the Felix
 * tests run without it on their class path.
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
   * Configuration properties of one peer in a test cluster: the api's {@code ClusterConfig.loopback()}
   * preset bound to 127.0.0.1:{@code port}, knowing {@code peers}, with anti-entropy every 2 s and
   * a 3 s settle timeout (the container tests wait on both), and a 2 s leave timeout.
   *
   * @param clusterConfig the class {@code org.alertcluster.api.ClusterConfig}: from this class path,
   *     or (the Felix tests, which keep the api off it) from the api bundle in the framework
   * @return the properties, in a mutable map
   */
  public static Map<String, Object> peerProperties(Class<?> clusterConfig, String cluster,
      String nodeName, int port, List<Integer> peers) {
    Map<String, Object> p = properties(testConfig(clusterConfig, cluster, nodeName, port, peers));
    p.put("leaveTimeout", 2000L);
    return p;
  }

  /**
   * The configuration {@link #peerProperties} describes, built by the api's loopback preset (called
   * reflectively, so that the Felix tests get it from the api bundle).
   *
   * @param clusterConfig the class {@code org.alertcluster.api.ClusterConfig}
   * @return a {@code ClusterConfig}
   */
  public static Object testConfig(Class<?> clusterConfig, String cluster, String nodeName, int port,
      List<Integer> peers) {
    try {
      Object b = clusterConfig.getMethod("loopback").invoke(null);
      Class<?> builder = b.getClass();
      builder.getMethod("clusterName", String.class).invoke(b, cluster);
      builder.getMethod("nodeName", String.class).invoke(b, nodeName);
      builder.getMethod("bindAddress", String.class).invoke(b, "127.0.0.1:" + port);
      builder.getMethod("knownPeers", List.class)
          .invoke(b, peers.stream().map(q -> "127.0.0.1:" + q).toList());
      builder.getMethod("pushPullInterval", Duration.class).invoke(b, Duration.ofSeconds(2));
      builder.getMethod("settleTimeout", Duration.class).invoke(b, Duration.ofSeconds(3));
      return builder.getMethod("build").invoke(b);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a loopback ClusterConfig", e);
    }
  }

  /** The fields {@link #properties} copies: durations, in milliseconds as the metatype says. */
  private static final List<String> DURATIONS = List.of("joinTimeout", "settleInterval",
      "settleTimeout", "pushPullInterval", "reconnectInterval", "probeInterval", "probeTimeout",
      "failureDetectionTimeout", "tcpTimeout", "resolveTimeout");

  /**
   * A {@code ClusterConfig} as the properties of the factory PID {@code org.alertcluster.peer}, as
   * the impl bundle's metatype declares them: the fields the tests set, durations in milliseconds.
   *
   * @param config a {@code ClusterConfig}
   * @return its properties, in a mutable map
   */
  public static Map<String, Object> properties(Object config) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("clusterName", get(config, "clusterName"));
    p.put("nodeName", get(config, "nodeName"));
    p.put("bindAddress", get(config, "bindAddress"));
    p.put("knownPeers", ((List<?>) get(config, "knownPeers")).toArray(String[]::new));
    p.put("settleStablePolls", get(config, "settleStablePolls"));
    for (String d : DURATIONS) {
      p.put(d, ((Duration) get(config, d)).toMillis());
    }
    return p;
  }

  private static Object get(Object config, String getter) {
    try {
      return config.getClass().getMethod(getter).invoke(config);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ClusterConfig." + getter + "()", e);
    }
  }
}
