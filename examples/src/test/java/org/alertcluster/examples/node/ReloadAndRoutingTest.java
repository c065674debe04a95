package org.alertcluster.examples.node;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alertcluster.api.Peer;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.TestNodes.Response;
import org.alertcluster.examples.WebhookSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager's reload ({@code POST /-/reload}; SIGHUP is covered by {@link NodeProcessTest}): the
 * configuration is replaced in place with the cluster membership kept; a broken file is refused with
 * 500, the old configuration stays and {@code alertmanager_config_last_reload_successful} is 0 until
 * a good file loads. Before this change the path was 404. Also the routing tree, inhibition and a
 * webhook's {@code authorization} as Alertmanager applies them.
 */
class ReloadAndRoutingTest {

  @TempDir
  Path dir;

  private static String metric(String base, String name) throws Exception {
    for (String line : TestNodes.get(base + "/metrics").body().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    return "absent";
  }

  private static String config(String defaultUrl, String pageUrl) {
    return """
        route:
          receiver: default
          group_by: [alertname]
          group_wait: 100ms
          group_interval: 1s
          routes:
            - matchers: ['severity="page"']
              receiver: pager
        receivers:
          - name: default
            webhook_configs: [{url: %s}]
          - name: pager
            webhook_configs:
              - url: %s
                http_config: {authorization: {credentials: tok3n}}
        inhibit_rules:
          - source_matchers: ['severity="page"']
            target_matchers: ['severity="warning"']
            equal: [cluster]
        """.formatted(defaultUrl, pageUrl);
  }

  @Test
  void reloadKeepsMembershipRefusesBrokenFilesAndRoutesByTheNewTree() throws Exception {
    try (WebhookSink def = new WebhookSink(); WebhookSink pager = new WebhookSink()) {
      Node node = TestNodes.start(dir, TestNodes.config(def.url()), "--cluster.listen-address=127.0.0.1:0",
          "--cluster.settle-timeout=0s");
      try {
        String base = TestNodes.base(node);
        Peer peer = node.peer().orElseThrow();
        String name = peer.name();
        await().atMost(20, SECONDS).until(node::isReady);
        assertThat(metric(base, "alertmanager_config_last_reload_successful")).isEqualTo("1.0");
        String hashBefore = metric(base, "alertmanager_config_hash");

        Path cfg = dir.resolve("alertmanager.yml");
        Files.writeString(cfg, config(def.url(), pager.url()));
        Response ok = TestNodes.post(base + "/-/reload", "");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(node.peer().orElseThrow()).isSameAs(peer);
        assertThat(peer.name()).isEqualTo(name);
        assertThat(peer.status().isReady()).isTrue();
        assertThat(metric(base, "alertmanager_config_hash")).isNotEqualTo(hashBefore);

        // The new tree: severity=page goes to the nested receiver, with the webhook's credentials.
        TestNodes.post(base + "/api/v2/alerts",
            "[{\"labels\":{\"alertname\":\"Down\",\"severity\":\"page\",\"cluster\":\"a\"}},"
            + "{\"labels\":{\"alertname\":\"Slow\",\"severity\":\"warning\",\"cluster\":\"a\"}},"
            + "{\"labels\":{\"alertname\":\"Slow\",\"severity\":\"warning\",\"cluster\":\"b\"}}]");
        await().atMost(20, SECONDS).until(() -> pager.received().size() >= 1 && def.received().size() >= 1);
        assertThat(pager.received().get(0).path("groupKey").asText())
            .isEqualTo("{}/{severity=\"page\"}:{alertname=\"Down\"}");
        assertThat(pager.authorizations()).allMatch(a -> a.equals("Bearer tok3n"));
        // Inhibition: the warning in cluster a is muted by the page in cluster a; cluster b's is not.
        var slow = def.received().get(0).path("alerts");
        assertThat(slow.size()).isEqualTo(1);
        assertThat(slow.get(0).at("/labels/cluster").asText()).isEqualTo("b");
        Response alerts = TestNodes.get(base + "/api/v2/alerts?filter=cluster%3D%22a%22&filter=severity%3D%22warning%22");
        assertThat(alerts.json().get(0).at("/status/state").asText()).isEqualTo("suppressed");
        assertThat(alerts.json().get(0).at("/status/inhibitedBy").size()).isEqualTo(1);

        // A broken file: refused, the old configuration stays, the metric turns 0.
        Files.writeString(cfg, config(def.url(), pager.url()).replace("group_by", "grop_by"));
        Response bad = TestNodes.post(base + "/-/reload", "");
        assertThat(bad.status()).isEqualTo(500);
        assertThat(bad.body()).contains("failed to reload config").contains("line 3: field grop_by not found in route");
        assertThat(metric(base, "alertmanager_config_last_reload_successful")).isEqualTo("0.0");
        assertThat(node.config().route().routes()).hasSize(1);
        assertThat(TestNodes.get(base + "/api/v2/status").json().at("/config/original").asText()).contains("group_by");

        Files.writeString(cfg, config(def.url(), pager.url()));
        assertThat(TestNodes.post(base + "/-/reload", "").status()).isEqualTo(200);
        assertThat(metric(base, "alertmanager_config_last_reload_successful")).isEqualTo("1.0");
      } finally {
        node.close();
      }
    }
  }
}
