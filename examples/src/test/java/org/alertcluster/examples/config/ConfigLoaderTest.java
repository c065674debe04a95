package org.alertcluster.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static final String FULL = """
      global:
        resolve_timeout: 2m
        smtp_smarthost: localhost:25
      route:
        receiver: team
        group_by: [alertname, cluster]
        group_wait: 1s
        group_interval: 1m30s
        repeat_interval: 4h
        routes:
          - receiver: other
            matchers: ['severity="page"']
      receivers:
        - name: team
          webhook_configs:
            - url: http://127.0.0.1:5001/hook
            - url: https://example.org/x
              send_resolved: false
        - name: other
      inhibit_rules: []
      """;

  @Test
  void readsTheSupportedSubset() throws Exception {
    AlertmanagerConfig c = ConfigLoader.parse(FULL);
    assertThat(c.resolveTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.route().receiver()).isEqualTo("team");
    assertThat(c.route().groupBy()).containsExactly("alertname", "cluster");
    assertThat(c.route().groupWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.route().groupInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.route().repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(c.routeReceiver().webhooks()).hasSize(2);
    assertThat(c.routeReceiver().webhooks().get(0).sendResolved()).isTrue();
    assertThat(c.routeReceiver().webhooks().get(1).sendResolved()).isFalse();
    assertThat(c.receiver("other").orElseThrow().webhooks()).isEmpty();
    assertThat(c.route().routes()).hasSize(1);
    // Alertmanager 0.25 shows webhook URLs in config.original (amtool refuses "<secret>" there).
    assertThat(c.original()).isEqualTo(FULL);
  }

  @Test
  void aMissingFileSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    // the replica names the flag (MainTest); a reload answers "failed to reload config: <this>"
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir.resolve("nope.yml") + ": no such file");
  }

  @Test
  void defaultsMatchAlertmanager() throws Exception {
    AlertmanagerConfig c = ConfigLoader.parse("route:\n  receiver: r\nreceivers:\n  - name: r\n");
    assertThat(c.route().groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.route().groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.route().repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(c.route().groupBy()).isEmpty();
    assertThat(c.resolveTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void errorsNameTheLineAtFault() {
    record Case(String yaml, String expected) {}
    List<Case> cases = List.of(
        new Case("route:\n  receiver: r\n  group_wait: soon\nreceivers:\n  - name: r\n",
            "line 3: route.group_wait: invalid duration \"soon\""),
        new Case("route:\n  receiver: missing\nreceivers:\n  - name: r\n",
            "line 2: undefined receiver \"missing\" used in route"),
        new Case("route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - url: not a url\n",
            "line 6: invalid url \"not a url\""),
        new Case("route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - send_resolved: true\n",
            "line 6: one of url or url_file must be configured"),
        new Case("route:\n  receiver: r\n  group_by: [1abc]\nreceivers:\n  - name: r\n",
            "line 3: invalid label name \"1abc\""),
        new Case("route:\n  receiver: r\n  group_interval: 0s\nreceivers:\n  - name: r\n",
            "line 3: route.group_interval cannot be zero"),
        new Case("route:\n  receiver: r\nreceivers:\n  - name: r\n  - name: r\n",
            "line 5: receiver \"r\" is defined twice"),
        new Case("receivers:\n  - name: r\n", "no route section"),
        new Case("route: [1]\nreceivers:\n  - name: r\n", "line 1: route must be a mapping"),
        new Case("route:\n  receiver: r\n  bad: [\n", "invalid YAML"));
    for (Case c : cases) {
      assertThatThrownBy(() -> ConfigLoader.parse(c.yaml())).as(c.yaml())
          .isInstanceOf(ConfigException.class).hasMessageContaining(c.expected());
    }
  }

  @Test
  void durationsAcceptGoAndPrometheusForms() {
    assertThat(Durations.parse("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("0")).isZero();
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m0s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    for (String bad : List.of("", "5", "s", "1x", "-1s", "1s2", "1 s")) {
      assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
