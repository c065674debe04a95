package org.alertcluster.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager 0.25 reads its file with {@code yaml.UnmarshalStrict}: an unknown field refuses the
 * whole file. This host does the same, and also refuses what Alertmanager knows but this host does
 * not implement, so that one file never means two things. Before this change, {@code grop_by},
 * {@code email_configs}, nested routes and {@code http_config} were accepted with a warning.
 */
class StrictConfigTest {

  @TempDir
  Path dir;

  private static void refused(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml)).as(yaml)
        .isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }

  @Test
  void unknownFieldIsRefusedWithItsLineAsAlertmanagerRefusesIt() {
    refused("route:\n  receiver: r\n  grop_by: [alertname]\nreceivers:\n  - name: r\n",
        "line 3: field grop_by not found in route");
    refused("route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - url: http://x/\n        sendresolved: true\n",
        "line 7: field sendresolved not found in webhook_configs");
    refused("global:\n  resolve_timout: 1m\nroute:\n  receiver: r\nreceivers:\n  - name: r\n",
        "line 2: field resolve_timout not found in global");
    refused("route:\n  receiver: r\nreceivers:\n  - name: r\nextra: 1\n", "line 5: field extra not found");
  }

  @Test
  void repeatedKeyIsRefused() {
    refused("route:\n  receiver: r\n  receiver: r\nreceivers:\n  - name: r\n", "line 3: route.receiver is set twice");
  }

  @Test
  void unsupportedReceiversAndTimeIntervalsAreRefusedNotIgnored() {
    refused("route:\n  receiver: r\nreceivers:\n  - name: r\n    email_configs:\n      - to: a@b\n",
        "line 5: receiver.email_configs is not supported by this replica: only webhook_configs are implemented");
    refused("route:\n  receiver: r\nreceivers:\n  - name: r\n    slack_configs: []\n",
        "line 5: receiver.slack_configs is not supported");
    refused("route:\n  receiver: r\n  mute_time_intervals: [night]\nreceivers:\n  - name: r\n",
        "line 3: route.mute_time_intervals is not supported");
    refused("route:\n  receiver: r\nreceivers:\n  - name: r\ntime_intervals: []\n",
        "line 5: the configuration.time_intervals is not supported");
    refused("route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - url: http://x/\n        http_config:\n          oauth2: {}\n",
        "line 8: http_config.oauth2 is not supported");
  }

  @Test
  void routeRulesAsAlertmanager() {
    refused("route:\n  receiver: r\n  matchers: ['a=b']\nreceivers:\n  - name: r\n", "root route must not have any matchers");
    refused("route:\n  receiver: r\n  continue: true\nreceivers:\n  - name: r\n", "line 3: cannot have continue in root route");
    refused("route:\n  group_by: [a]\nreceivers:\n  - name: r\n", "root route must specify a default receiver");
    refused("route:\n  receiver: r\n  routes:\n    - receiver: nope\nreceivers:\n  - name: r\n",
        "line 4: undefined receiver \"nope\" used in route");
    refused("route:\n  receiver: r\n  routes:\n    - matchers: ['a=~\"(\"']\nreceivers:\n  - name: r\n",
        "line 4: route.routes[0].matchers: invalid regular expression");
    refused("route:\n  receiver: r\n  group_by: [a, a]\nreceivers:\n  - name: r\n", "duplicated label \"a\" in route.group_by");
  }

  @Test
  void httpConfigIsReadAndSecretsAreMaskedInTheOriginal() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "from-file\n");
    String yaml = """
        global:
          http_config:
            basic_auth: {username: u, password_file: %s}
        route:
          receiver: r
        receivers:
          - name: r
            webhook_configs:
              - url: http://127.0.0.1:1/a
                http_config:
                  authorization: {credentials: s3cret-token}
                  tls_config: {insecure_skip_verify: true, min_version: TLS12}
              - url: http://127.0.0.1:1/b
        """.formatted(pw);
    AlertmanagerConfig c = ConfigLoader.parse(yaml);
    WebhookConfig a = c.routeReceiver().webhooks().get(0);
    assertThat(a.http().authorization().orElseThrow().type()).isEqualTo("Bearer");
    assertThat(a.http().authorization().orElseThrow().credentials()).isEqualTo("s3cret-token");
    assertThat(a.http().tls().insecureSkipVerify()).isTrue();
    WebhookConfig b = c.routeReceiver().webhooks().get(1);
    assertThat(b.http().basicAuth().orElseThrow().passwordFile()).isEqualTo(pw);
    assertThat(c.original()).doesNotContain("s3cret-token").contains("credentials: <secret>");
    assertThat(c.hash()).isNotEqualTo(ConfigLoader.parse(yaml.replace("s3cret", "other")).hash());
  }

  @Test
  void httpConfigMistakesAreRefused() {
    String head = "route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - url: http://x/\n        http_config:\n";
    refused(head + "          basic_auth: {username: u}\n          bearer_token: t\n", "at most one of basic_auth, oauth2, bearer_token");
    refused(head + "          authorization: {type: basic, credentials: x}\n", "authorization type cannot be set to \"basic\"");
    refused(head + "          tls_config: {ca_file: /nonexistent/ca.pem}\n", "line 8: http_config.tls_config.ca_file /nonexistent/ca.pem cannot be read");
    refused(head + "          tls_config: {min_version: TLS9}\n", "unknown TLS version TLS9");
    refused(head + "          tls_config: {server_name: x}\n", "tls_config.server_name is not supported");
  }

  @Test
  void inhibitRulesAreRead() throws Exception {
    AlertmanagerConfig c = ConfigLoader.parse("""
        route: {receiver: r}
        receivers: [{name: r}]
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_match: {severity: warning}
            target_match_re: {team: 'db|web'}
            equal: [cluster]
        """);
    InhibitRule rule = c.inhibitRules().get(0);
    assertThat(rule.source()).hasSize(1);
    assertThat(rule.target()).hasSize(2);
    assertThat(rule.equal()).isEqualTo(List.of("cluster"));
    refused("route: {receiver: r}\nreceivers: [{name: r}]\ninhibit_rules:\n  - source_matchers: ['a=b']\n    equals: [x]\n",
        "line 5: field equals not found in inhibit_rules");
  }
}
