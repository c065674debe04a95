package org.alertcluster.examples.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.alertcluster.examples.TestNodes.alert;
import static org.alertcluster.examples.TestNodes.base;
import static org.alertcluster.examples.TestNodes.get;
import static org.alertcluster.examples.TestNodes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas in this JVM, started through the same flags, config and {@link Node} as the
 * process, on 127.0.0.1 with OS-chosen ports and a cluster label of their own; one webhook sink.
 * Alertmanager's acceptance scenarios: every group notified once across the cluster, a silence set on
 * one replica honoured by all, a replica restarted with empty storage recovering from its peers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndTest {

  @TempDir
  static Path dir;
  static WebhookSink sink;
  static final List<Node> nodes = new ArrayList<>();
  static final String label = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  static String seed;

  static Node startReplica(String name, Path storage) throws Exception {
    List<String> flags = new ArrayList<>(List.of("--cluster.preset=loopback",
        "--cluster.label=" + label, "--cluster.peer-name=" + name, "--cluster.peer-timeout=1s"));
    if (seed != null) {
      flags.add("--cluster.peer=" + seed);
    }
    return TestNodes.start(storage, TestNodes.config(sink.url()), flags.toArray(String[]::new));
  }

  @BeforeAll
  static void startCluster() throws Exception {
    sink = new WebhookSink();
    Node first = startReplica("n1", dir.resolve("n1"));
    nodes.add(first);
    // As Alertmanager's acceptance harness: the others join through the first one's address.
    seed = get(base(first) + "/api/v2/status").json().at("/cluster/peers/0/address").asText();
    nodes.add(startReplica("n2", dir.resolve("n2")));
    nodes.add(startReplica("n3", dir.resolve("n3")));
    await().atMost(30, SECONDS).until(() -> nodes.stream().allMatch(n ->
        n.peer().orElseThrow().clusterSize() == 3 && n.isReady()));
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(Node::close);
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  @Order(1)
  void statusListsAllPeersSortedByNameOnEveryReplica() throws Exception {
    for (Node n : nodes) {
      JsonNode cluster = get(base(n) + "/api/v2/status").json().path("cluster");
      assertThat(cluster.path("status").asText()).isEqualTo("ready");
      assertThat(cluster.path("peers").findValuesAsText("name")).containsExactly("n1", "n2", "n3");
      assertThat(cluster.path("name").asText()).isEqualTo(n.peer().orElseThrow().name());
      assertThat(get(base(n) + "/-/ready").status()).isEqualTo(200);
      String metrics = get(base(n) + "/metrics").body();
      assertThat(metrics).contains("alertmanager_cluster_members 3\n")
          .contains("alertmanager_peer_position " + n.peer().orElseThrow().position() + "\n")
          .containsPattern("alertmanager_cluster_messages_received_total\\{msg_type=\"full_state\"\\} [1-9]")
          // the same gauges, same names, as the Micrometer binder (AlertclusterMetrics)
          .contains("alertmanager_cluster_health_score 0\n", "alertcluster_cluster_ready 1\n")
          .doesNotContain("alertmanager_cluster_ready");
      for (ClusterMetric m : ClusterMetric.values()) { // every declared metric, each family once
        assertThat(metrics).containsOnlyOnce("# TYPE " + m.prometheusName() + " ");
      }
    }
    assertThat(nodes.stream().map(n -> n.peer().orElseThrow().position())).containsExactly(0, 1, 2);
  }

  @Test
  @Order(2)
  void everyGroupIsNotifiedOnceAcrossTheCluster() throws Exception {
    String batch = "[" + alert("Dedup1", "a") + "," + alert("Dedup1", "b") + "," + alert("Dedup2", "a") + "]";
    for (Node n : nodes) {
      assertThat(post(base(n) + "/api/v2/alerts", batch).status()).isEqualTo(200);
    }
    String k1 = "{}:{alertname=\"Dedup1\"}";
    String k2 = "{}:{alertname=\"Dedup2\"}";
    await().atMost(20, SECONDS).until(() -> sink.count(k1) >= 1 && sink.count(k2) >= 1);
    // Rank 2 decides 2 × peerTimeout after rank 0: watch well past that for duplicates.
    await().during(4, SECONDS).atMost(8, SECONDS).until(() -> sink.count(k1) == 1 && sink.count(k2) == 1);
    assertThat(nodes.stream().mapToLong(n -> n.stats().notificationsSent.get()).sum()).isEqualTo(2);
    // Each group is sent by the replica ranking first for it (claim strategy, the default).
    for (String k : List.of(k1, k2)) {
      String owner = nodes.get(0).peer().orElseThrow().ranking(k).get(0).name();
      Node sender = nodes.stream().filter(n -> n.peer().orElseThrow().name().equals(owner))
          .findFirst().orElseThrow();
      assertThat(sink.senders(k)).containsExactly(sender.externalUrl());
    }
    assertThat(nodes.stream().mapToLong(n -> n.stats().deduplicated.get()).sum()).isGreaterThanOrEqualTo(4);
    await().atMost(5, SECONDS).until(() -> nodes.stream().allMatch(n -> n.nflog().size() == 2));
  }

  @Test
  @Order(3)
  void aSilenceSetOnOneReplicaIsHonouredByAllAndItsExpiryToo() throws Exception {
    String id = post(base(nodes.get(0)) + "/api/v2/silences", TestNodes.silence("Muted")).json()
        .path("silenceID").asText();
    for (Node n : nodes) {
      await().atMost(5, SECONDS).until(() -> get(base(n) + "/api/v2/silence/" + id).status() == 200);
      JsonNode s = get(base(n) + "/api/v2/silence/" + id).json();
      assertThat(s.at("/status/state").asText()).isEqualTo("active");
      assertThat(s.at("/matchers/0/value").asText()).isEqualTo("Muted");
    }
    String batch = "[" + alert("Muted", "a") + "," + alert("Loud", "a") + "]";
    for (Node n : nodes) {
      post(base(n) + "/api/v2/alerts", batch);
    }
    String loud = "{}:{alertname=\"Loud\"}";
    await().atMost(20, SECONDS).until(() -> sink.count(loud) == 1);
    // The silenced group flushed at the same time as the loud one; give the last position time too.
    await().during(3, SECONDS).atMost(5, SECONDS).until(() -> sink.count("{}:{alertname=\"Muted\"}") == 0
        && sink.count(loud) == 1);
    for (Node n : nodes) {
      assertThat(get(base(n) + "/api/v2/alerts?filter=alertname%3D%22Muted%22").json()
          .at("/0/status/silencedBy/0").asText()).isEqualTo(id);
      assertThat(n.stats().silencedAlerts.get()).isPositive();
    }

    // Expiring it on another replica expires it everywhere; the group is then notified, once.
    assertThat(TestNodes.delete(base(nodes.get(1)) + "/api/v2/silence/" + id).status()).isEqualTo(200);
    for (Node n : nodes) {
      await().atMost(5, SECONDS).until(() -> "expired".equals(
          get(base(n) + "/api/v2/silence/" + id).json().at("/status/state").asText()));
    }
    String muted = "{}:{alertname=\"Muted\"}";
    await().atMost(10, SECONDS).until(() -> sink.count(muted) == 1);
    await().during(3, SECONDS).atMost(5, SECONDS).until(() -> sink.count(muted) == 1);
    await().atMost(5, SECONDS).until(() -> nodes.stream().allMatch(n -> n.nflog().size() == 4));
  }

  @Test
  @Order(4)
  void aReplicaRestartedWithEmptyStorageRecoversStateFromItsPeers() throws Exception {
    Node old = nodes.remove(2);
    int silences = old.silences().size();
    int entries = old.nflog().size();
    assertThat(silences).isPositive();
    assertThat(entries).isPositive();
    old.close();
    await().atMost(10, SECONDS).until(() -> nodes.stream().allMatch(n -> n.peer().orElseThrow().clusterSize() == 2));

    Node fresh = startReplica("n3b", dir.resolve("n3-fresh"));
    nodes.add(fresh);
    await().atMost(20, SECONDS).until(() -> fresh.isReady() && fresh.peer().orElseThrow().clusterSize() == 3);
    await().atMost(10, SECONDS).until(() -> fresh.silences().size() == silences && fresh.nflog().size() == entries);
    // and it dedups against the recovered log: re-posting the old alerts sends nothing new
    String batch = "[" + alert("Dedup1", "a") + "," + alert("Dedup1", "b") + "," + alert("Dedup2", "a") + "]";
    post(base(fresh) + "/api/v2/alerts", batch);
    await().during(3, SECONDS).atMost(5, SECONDS).until(() -> fresh.stats().flushes.get() > 0
        && fresh.stats().notificationsSent.get() == 0);
    assertThat(sink.count("{}:{alertname=\"Dedup1\"}")).isEqualTo(1);
  }
}
