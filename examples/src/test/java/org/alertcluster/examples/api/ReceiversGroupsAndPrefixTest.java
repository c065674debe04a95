package org.alertcluster.examples.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v2/receivers} and {@code /api/v2/alerts/groups} in Alertmanager's shapes (amtool and
 * Grafana read them; both were 404), the routes moved under {@code --web.route-prefix} or the path
 * of {@code --web.external-url} (nothing answered behind a reverse proxy), and the series the
 * Alertmanager mixin queries on {@code /metrics}.
 */
class ReceiversGroupsAndPrefixTest {

  @TempDir
  Path dir;

  private static final String CONFIG = """
      route:
        receiver: team
        group_by: [alertname]
        group_wait: 1h
        routes:
          - matchers: ['severity="page"']
            receiver: pager
      receivers: [{name: team}, {name: pager}]
      """;

  @Test
  void receiversAndGroupsUnderTheExternalUrlsPath() throws Exception {
    Node node = TestNodes.start(dir, CONFIG, "--cluster.listen-address=",
        "--web.external-url=http://proxy.example/alertmanager/");
    try {
      String root = TestNodes.base(node);
      String api = root + "/alertmanager/api/v2";
      assertThat(TestNodes.get(root + "/api/v2/status").status()).isEqualTo(404);
      assertThat(TestNodes.get(root + "/alertmanager/-/healthy").status()).isEqualTo(200);
      JsonNode receivers = TestNodes.get(api + "/receivers").json();
      assertThat(receivers.findValuesAsText("name")).containsExactly("team", "pager");

      TestNodes.post(api + "/alerts", "[{\"labels\":{\"alertname\":\"A\",\"severity\":\"page\"}},"
          + "{\"labels\":{\"alertname\":\"B\"}}]");
      await().atMost(10, SECONDS).until(() -> TestNodes.get(api + "/alerts/groups").json().size() == 2);
      JsonNode groups = TestNodes.get(api + "/alerts/groups").json();
      assertThat(groups.findValuesAsText("name")).contains("team", "pager");
      JsonNode pager = TestNodes.get(api + "/alerts/groups?receiver=pager").json();
      assertThat(pager.size()).isEqualTo(1);
      assertThat(pager.get(0).at("/labels/alertname").asText()).isEqualTo("A");
      assertThat(pager.get(0).at("/alerts/0/receivers/0/name").asText()).isEqualTo("pager");
      assertThat(TestNodes.get(api + "/alerts/groups?filter=alertname%3D%22B%22").json().size()).isEqualTo(1);

      String metrics = TestNodes.get(root + "/alertmanager/metrics").body();
      assertThat(metrics).contains("alertmanager_config_last_reload_successful 1.0")
          .contains("alertmanager_config_hash ").contains("alertmanager_build_info{")
          .contains("alertmanager_alerts_received_total{status=\"firing\",version=\"v2\"} 2.0")
          .contains("alertmanager_notifications_total{integration=\"webhook\"}")
          .contains("alertmanager_notifications_failed_total{integration=\"webhook\"}")
          .contains("alertmanager_notification_latency_seconds_bucket{integration=\"webhook\"")
          .contains("alertmanager_http_request_duration_seconds_bucket{handler=\"/api/v2/alerts\"")
          .contains("process_cpu_seconds_total").contains("process_resident_memory_bytes")
          .contains("jvm_memory_used_bytes");
    } finally {
      node.close();
    }
  }

  @Test
  void routePrefixFlagWinsOverTheExternalUrl() throws Exception {
    Node node = TestNodes.start(dir, CONFIG, "--cluster.listen-address=",
        "--web.external-url=http://proxy.example/am", "--web.route-prefix=/");
    try {
      assertThat(TestNodes.get(TestNodes.base(node) + "/api/v2/receivers").status()).isEqualTo(200);
      assertThat(node.externalUrl()).isEqualTo("http://proxy.example/am");
    } finally {
      node.close();
    }
  }
}
