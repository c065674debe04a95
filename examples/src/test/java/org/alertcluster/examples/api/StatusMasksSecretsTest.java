package org.alertcluster.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v2/status} (what {@code amtool config show} prints) shows the configuration with the
 * replica's own secrets masked, as Alertmanager does: a bearer token in {@code alertmanager.yml} no
 * longer appears in clear text.
 */
class StatusMasksSecretsTest {

  @TempDir
  Path dir;

  @Test
  void configOriginalShowsSecretsAsSecret() throws Exception {
    try (WebhookSink sink = new WebhookSink()) {
      String config = """
          global:
            smtp_auth_password: smtp-hunter2
          route:
            receiver: hook
            group_wait: 1s
          receivers:
            - name: hook
              webhook_configs:
                - url: %s
                  http_config:
                    authorization:
                      credentials: bearer-hunter2
          """.formatted(sink.url());
      Node node = TestNodes.start(dir, config,
          "--cluster.listen-address=");
      try {
        String original = TestNodes.get(TestNodes.base(node) + "/api/v2/status").json()
            .at("/config/original").asText();
        assertThat(original).doesNotContain("hunter2")
            .contains("credentials: <secret>", "smtp_auth_password: <secret>", "group_wait: 1s");
      } finally {
        node.close();
      }
    }
  }
}
