package org.alertcluster.examples;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.UUID;
import org.alertcluster.api.Peer;
import org.alertcluster.examples.node.Node;

/**
 * The three-replica setup of issue 15's notification tests and of the outage benchmark, in one
 * place: the route (group_wait 200 ms, group_interval 30 s), replicas {@link #NAMES} with a
 * 500 ms {@code --cluster.peer-timeout}, the api's loopback timings ({@code --cluster.preset=loopback})
 * and a cluster label of their own. {@link #start} runs them in this JVM through the process's code
 * path (flags, config file, HTTP API); a test that needs real processes starts them with
 * {@link #flags} and waits with {@link #ready}.
 */
public final class ThreeReplicas implements AutoCloseable {

  /** The replicas' peer names. */
  public static final List<String> NAMES = List.of("n1", "n2", "n3");

  /** The route of issue 15 with a short group_wait; {@code %s} is the webhook URL. */
  public static final String ROUTE = """
      route:
        receiver: hook
        group_by: [alertname]
        group_wait: 200ms
        group_interval: 30s
        repeat_interval: 1h
      receivers:
        - name: hook
          webhook_configs:
            - url: %s
      """;

  private final List<Node> nodes;

  private ThreeReplicas(List<Node> nodes) {
    this.nodes = nodes;
  }

  /**
   * A cluster label no other test uses.
   *
   * @param prefix what the label starts with
   * @return {@code prefix-<8 random hex digits>}
   */
  public static String label(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The cluster flags of replica {@code name}: the loopback preset, the label, the name and the
   * peer timeout. The caller adds listen addresses, storage, config and peers.
   *
   * @param label the cluster label
   * @param name the peer name
   * @return the flags
   */
  public static List<String> flags(String label, String name) {
    return List.of("--cluster.preset=loopback", "--cluster.label=" + label,
        "--cluster.peer-name=" + name, "--cluster.peer-timeout=500ms");
  }

  /**
   * Starts three in-JVM replicas, the second and third knowing the first, and waits until each is
   * ready in a cluster of three.
   *
   * @param dir a directory for their storage and config
   * @param webhookUrl where {@link #ROUTE} sends
   * @param extraFlags flags for every replica
   * @return the running replicas; close them
   */
  public static ThreeReplicas start(Path dir, String webhookUrl, String... extraFlags)
      throws Exception {
    String label = label("three");
    List<Node> nodes = new ArrayList<>();
    ThreeReplicas replicas = new ThreeReplicas(nodes);
    try {
      String seed = null;
      for (String name : NAMES) {
        List<String> flags = new ArrayList<>(flags(label, name));
        // a test may set its own peer timeout (the replica refuses a repeated flag)
        if (Stream.of(extraFlags).anyMatch(f -> f.startsWith("--cluster.peer-timeout="))) {
          flags.removeIf(f -> f.startsWith("--cluster.peer-timeout="));
        }
        flags.add("--cluster.listen-address=127.0.0.1:0");
        flags.addAll(List.of(extraFlags));
        if (seed != null) {
          flags.add("--cluster.peer=" + seed);
        }
        Node node = TestNodes.start(dir.resolve(name), ROUTE.formatted(webhookUrl),
            flags.toArray(String[]::new));
        nodes.add(node);
        if (seed == null) {
          seed = node.peer().orElseThrow().self().address();
        }
      }
      await().atMost(30, SECONDS).pollInterval(100, MILLISECONDS).until(() -> nodes.stream()
          .allMatch(n -> n.peer().orElseThrow().clusterSize() == 3 && n.isReady()));
      return replicas;
    } catch (Exception | Error e) {
      replicas.close();
      throw e;
    }
  }

  /**
   * The running replicas, in the order of {@link #NAMES}.
   *
   * @return the nodes
   */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * Their API base URLs.
   *
   * @return one {@code http://127.0.0.1:port} per replica
   */
  public List<String> bases() {
    return nodes.stream().map(TestNodes::base).toList();
  }

  /**
   * The replica ranking first for a group key (the one that sends it under claims).
   *
   * @param groupKey the group key
   * @return its node
   */
  public Node owner(String groupKey) {
    String name = nodes.get(0).peer().orElseThrow().ranking(groupKey).get(0).name();
    return nodes.stream().filter(n -> n.peer().orElseThrow().name().equals(name)).findFirst()
        .orElseThrow();
  }

  /**
   * The group key of an alertname under {@link #ROUTE}.
   *
   * @param alertname the alertname
   * @return {@code {}:{alertname="..."}}
   */
  public static String groupKey(String alertname) {
    return "{}:{alertname=\"" + alertname + "\"}";
  }

  /**
   * Whether the replica (alertcluster or Alertmanager) at {@code base} reports a ready cluster of
   * {@code members}, by its {@code /api/v2/status}; false while it does not answer.
   *
   * @param base the API base URL
   * @param members the expected cluster size
   * @return true if ready with that many members
   */
  public static boolean ready(String base, int members) {
    try {
      TestNodes.Response s = TestNodes.get(base + "/api/v2/status");
      return s.status() == 200 && s.json().at("/cluster/peers").size() == members
          && "ready".equals(s.json().at("/cluster/status").asText());
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Cuts a replica's peer off the network, both directions, or reconnects it: impl's documented
   * test seam ({@code org.alertcluster.impl.TestSeam#isolate}, DISCARD above the transport),
   * reached reflectively because the examples depend on impl at run time only: the host sees the
   * api alone.
   *
   * @param node the replica
   * @param isolated true to cut it off, false to reconnect it
   */
  public static void isolate(Node node, boolean isolated) throws Exception {
    Peer peer = node.peer().orElseThrow();
    Class.forName("org.alertcluster.impl.TestSeam").getMethod("isolate", Peer.class, boolean.class)
        .invoke(null, peer, isolated);
  }

  @Override
  public void close() {
    nodes.forEach(Node::close);
  }
}
