package org.alertcluster.examples.e2e;

import static org.alertcluster.examples.TestNodes.alert;
import static org.alertcluster.examples.TestNodes.base;
import static org.alertcluster.examples.TestNodes.get;
import static org.alertcluster.examples.TestNodes.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the peer settles, {@code /-/ready} answers 503 (the behaviour Alertmanager users asked for in
 * #3026), {@code /api/v2/status} says {@code settling}, and alerts are still accepted.
 */
class SettlingReadinessTest {

  @TempDir
  Path dir;

  @Test
  void notReadyWhileSettlingButAlertsAreAccepted() throws Exception {
    // gossip-interval 2s: settle polls every 20 s and needs 3 stable ones, so the node settles for a
    // minute; the test looks within the first seconds.
    try (Node node = TestNodes.start(dir, TestNodes.config("http://127.0.0.1:9/unused"),
        "--cluster.listen-address=127.0.0.1:0", "--cluster.gossip-interval=2s",
        "--cluster.settle-timeout=1m", "--cluster.label=settle-" + UUID.randomUUID().toString().substring(0, 8))) {
      assertThat(node.peer().orElseThrow().status().isReady()).isFalse();
      assertThat(get(base(node) + "/api/v2/status").json().at("/cluster/status").asText()).isEqualTo("settling");
      assertThat(get(base(node) + "/-/ready").status()).isEqualTo(503);
      assertThat(get(base(node) + "/-/healthy").status()).isEqualTo(200);
      assertThat(post(base(node) + "/api/v2/alerts", "[" + alert("Early", "a") + "]").status()).isEqualTo(200);
      assertThat(get(base(node) + "/api/v2/alerts").json().size()).isEqualTo(1);
    }
  }
}
