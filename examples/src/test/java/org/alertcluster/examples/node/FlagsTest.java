package org.alertcluster.examples.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.alertcluster.api.ClusterConfig;
import org.junit.jupiter.api.Test;

class FlagsTest {

  @Test
  void defaultsMirrorAlertmanager() throws Exception {
    NodeOptions o = Flags.parse();
    ClusterConfig c = o.cluster().orElseThrow();
    assertThat(c.bindAddress()).isEqualTo("0.0.0.0:9094");
    assertThat(c.peerTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(o.webListenAddress()).isEqualTo(":9093");
    assertThat(o.storagePath()).isEqualTo(Path.of("data/"));
    assertThat(o.configFile()).isEqualTo(Path.of("alertmanager.yml"));
    assertThat(o.retention()).isEqualTo(Duration.ofHours(120));
  }

  @Test
  void bothSyntaxesAndRepeatedPeers() throws Exception {
    NodeOptions o = Flags.parse("--cluster.listen-address=127.0.0.1:9100", "--cluster.peer", "127.0.0.1:9101",
        "--cluster.peer=127.0.0.1:9102", "--cluster.label", "prod", "--cluster.settle-timeout=0s",
        "--cluster.pushpull-interval", "1h30m", "--cluster.reconnect-timeout=5m", "--cluster.peer-timeout=500ms",
        "--cluster.peer-name=am-a", "--cluster.advertise-address=10.0.0.1:9100", "--web.listen-address=127.0.0.1:0",
        "--storage.path", "/tmp/x", "--config.file=am.yml", "--cluster.gossip-interval=50ms");
    ClusterConfig c = o.cluster().orElseThrow();
    assertThat(c.bindAddress()).isEqualTo("127.0.0.1:9100");
    assertThat(c.knownPeers()).containsExactly("127.0.0.1:9101", "127.0.0.1:9102");
    assertThat(c.clusterName()).isEqualTo("prod");
    assertThat(c.settleTimeout()).isZero();
    assertThat(c.pushPullInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.reconnectTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.peerTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.nodeName()).isEqualTo("am-a");
    assertThat(c.advertiseAddress()).isEqualTo("10.0.0.1:9100");
    assertThat(c.settleInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.webListenAddress()).isEqualTo("127.0.0.1:0");
    assertThat(o.storagePath()).isEqualTo(Path.of("/tmp/x"));
    assertThat(o.configFile()).isEqualTo(Path.of("am.yml"));
  }

  /** {@code --cluster.preset=loopback} starts from the api's preset; explicit flags still win. */
  @Test
  void loopbackPresetGivesTheApisValuesAndFlagsOverrideThem() throws Exception {
    ClusterConfig c = Flags.parse("--cluster.preset=loopback", "--cluster.label=t").cluster().orElseThrow();
    assertThat(c).isEqualTo(ClusterConfig.loopback().clusterName("t").build());
    assertThat(c.bindAddress()).isEqualTo("127.0.0.1:0");

    ClusterConfig o = Flags.parse("--cluster.preset", "loopback", "--cluster.probe-timeout=1s",
        "--cluster.listen-address=127.0.0.1:9100").cluster().orElseThrow();
    assertThat(o.probeTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.bindAddress()).isEqualTo("127.0.0.1:9100");
    assertThat(o.joinTimeout()).isEqualTo(ClusterConfig.loopback().build().joinTimeout());

    assertThat(Flags.parse("--cluster.preset=lan").cluster().orElseThrow())
        .isEqualTo(ClusterConfig.defaults());
    assertThatThrownBy(() -> Flags.parse("--cluster.preset=wan")).isInstanceOf(UsageException.class)
        .hasMessageContaining("invalid value \"wan\" for flag --cluster.preset");
  }

  @Test
  void emptyListenAddressDisablesClustering() throws Exception {
    assertThat(Flags.parse("--cluster.listen-address=").cluster()).isEmpty();
    assertThat(Flags.parse("--cluster.listen-address", "").cluster()).isEmpty();
  }

  @Test
  void mistakesAreUsageErrors() throws UsageException {
    assertThatThrownBy(() -> Flags.parse("--cluster.nope=1")).isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown flag --cluster.nope");
    assertThatThrownBy(() -> Flags.parse("--cluster.peer-timeout=soon")).isInstanceOf(UsageException.class)
        .hasMessageContaining("invalid value \"soon\" for flag --cluster.peer-timeout");
    // a negative duration said "use a number and a unit" although it has both
    assertThatThrownBy(() -> Flags.parse("--cluster.peer-timeout=-5s")).isInstanceOf(UsageException.class)
        .hasMessage("invalid value \"-5s\" for flag --cluster.peer-timeout: must be positive (e.g. 5s)");
    // "use 0" only where 0 is accepted (it was suggested for every flag, then 0 was refused)
    assertThatThrownBy(() -> Flags.parse("--cluster.settle-timeout=-5s")).isInstanceOf(UsageException.class)
        .hasMessage("invalid value \"-5s\" for flag --cluster.settle-timeout: must not be negative"
            + " (use 0 or a positive duration, e.g. 5s)");
    assertThat(Flags.parse("--cluster.settle-timeout=0s").cluster().orElseThrow().settleTimeout())
        .isZero();
    assertThatThrownBy(() -> Flags.parse("--data.retention=-1h30m")).isInstanceOf(UsageException.class)
        .hasMessageContaining("for flag --data.retention: must be positive");
    assertThatThrownBy(() -> Flags.parse("--cluster.peer-timeout")).isInstanceOf(UsageException.class)
        .hasMessageContaining("expected argument for flag --cluster.peer-timeout");
    assertThatThrownBy(() -> Flags.parse("stray")).isInstanceOf(UsageException.class)
        .hasMessageContaining("unexpected argument");
    assertThatThrownBy(() -> Flags.parse("--web.listen-address=nowhere")).isInstanceOf(UsageException.class)
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> Flags.parse("--cluster.peer-timeout=0s")).isInstanceOf(UsageException.class)
        .hasMessage("--cluster.peer-timeout must be positive, was '0s'");
    assertThatThrownBy(() -> Flags.parse("--cluster.peer=http://am-1:9094")).isInstanceOf(UsageException.class)
        .hasMessage("--cluster.peer[0] must be host:port, was 'http://am-1:9094' (no scheme: give"
            + " host:port, such as 'am-1:9094')");
    assertThatThrownBy(() -> Flags.parse("--cluster.probe-timeout=-500ms")).isInstanceOf(UsageException.class)
        .hasMessageContaining("for flag --cluster.probe-timeout: must be positive");
    assertThatThrownBy(() -> Flags.parse("--cluster.peer=am-1")).isInstanceOf(UsageException.class)
        .hasMessageContaining("--cluster.peer[0] must be host:port, was 'am-1' (missing port)")
        .hasMessageNotContaining("ClusterConfig");
    assertThatThrownBy(() -> Flags.parse("--cluster.probe-interval=6s",
        "--cluster.listen-address=127.0.0.1:0")).isInstanceOf(UsageException.class)
        .hasMessageContaining("greater than --cluster.probe-interval (6s), was '5s'");
    assertThatThrownBy(() -> Flags.parse("--help")).isInstanceOf(UsageException.class)
        .hasMessageContaining("--cluster.listen-address");
  }

  @Test
  void notificationStrategyDefaultsToClaimsAndPositionIsAvailable() throws Exception {
    assertThat(Flags.parse().notificationStrategy()).isEqualTo(NotificationStrategy.CLAIM);
    assertThat(Flags.parse("--cluster.notification-strategy=position").notificationStrategy())
        .isEqualTo(NotificationStrategy.POSITION);
    assertThat(Flags.parse("--cluster.notification-strategy", "Claim").notificationStrategy())
        .isEqualTo(NotificationStrategy.CLAIM);
    assertThatThrownBy(() -> Flags.parse("--cluster.notification-strategy=leader"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("invalid value \"leader\" for flag --cluster.notification-strategy")
        .hasMessageContaining("claim or position");
  }

  /**
   * Alertmanager's {@code --web.route-prefix} defaults to the path of {@code --web.external-url}
   * ("/" = none); {@code --log.level} and {@code --log.format} exist and are validated; a repeated
   * single-value flag is refused (kingpin), while {@code --cluster.peer} repeats.
   */
  @Test
  void routePrefixLogFlagsAndRepeats() throws Exception {
    assertThat(Flags.parse("--web.external-url=http://h/alertmanager/").routePrefix()).isEqualTo("/alertmanager");
    assertThat(Flags.parse("--web.external-url=http://h/alertmanager/").externalUrl()).isEqualTo("http://h/alertmanager");
    assertThat(Flags.parse("--web.external-url=http://h/am", "--web.route-prefix=/").routePrefix()).isEmpty();
    assertThat(Flags.parse("--web.route-prefix=inner/").routePrefix()).isEqualTo("/inner");
    assertThat(Flags.parse().routePrefix()).isEmpty();
    assertThat(Flags.parse("--log.level=debug").logLevel()).isEqualTo("debug");
    assertThatThrownBy(() -> Flags.parse("--log.level=loud")).isInstanceOf(UsageException.class)
        .hasMessageContaining("--log.level");
    assertThat(Flags.parse().logFormat()).isEqualTo("logfmt");
    assertThat(Flags.parse("--log.format=json").logFormat()).isEqualTo("json");
    assertThatThrownBy(() -> Flags.parse("--log.format=text")).isInstanceOf(UsageException.class)
        .hasMessageContaining("invalid value \"text\" for flag --log.format: one of logfmt, json");
    assertThatThrownBy(() -> Flags.parse("--web.external-url=/relative")).isInstanceOf(UsageException.class)
        .hasMessageContaining("absolute URL");
    assertThatThrownBy(() -> Flags.parse("--config.file=a", "--config.file", "b")).isInstanceOf(UsageException.class)
        .hasMessageContaining("flag 'config.file' cannot be repeated");
    assertThatThrownBy(() -> Flags.parse("--nope")).isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown flag --nope");
    assertThat(Flags.parse("--version").cluster()).isPresent(); // accepted; Main prints the version
  }

  @Test
  void startErrorsNameTheFlagNotTheConfigField() {
    // as the peer words a taken port (Main prints it after "cannot start: ")
    assertThat(Flags.namingFlags("Cannot start the cluster peer on ClusterConfig.bindAddress '127.0.0.1:9094'"
        + " (BindException); set ClusterConfig.advertiseAddress"))
        .isEqualTo("Cannot start the cluster peer on --cluster.listen-address '127.0.0.1:9094'"
            + " (BindException); set --cluster.advertise-address");
  }

  /** The peer's lines name ClusterConfig fields; the replica's log names the flags the operator typed. */
  @Test
  void logLinesNameTheFlagsNotTheConfigFields() {
    assertThat(Flags.flagsInLogLine("Failed to join cluster: 1 of 1 known peers not reachable"
        + " (127.0.0.1:9: connection refused); counted as failed peers, retried every reconnectInterval (3s)"))
        .endsWith("retried every --cluster.reconnect-interval (3s)");
    assertThat(Flags.flagsInLogLine("Forgetting failed member a@127.0.0.1:1: not back within reconnectTimeout (6h0m0s)"))
        .isEqualTo("Forgetting failed member a@127.0.0.1:1: not back within --cluster.reconnect-timeout (6h0m0s)");
    assertThat(Flags.flagsInLogLine("ClusterConfig.knownPeers[0] is bad; knownPeers and settleTimeout too"))
        .isEqualTo("--cluster.peer[0] is bad; --cluster.peer and --cluster.settle-timeout too");
    // Not inside other words, paths or flags.
    assertThat(Flags.flagsInLogLine("myreconnectInterval a.tcpTimeout --cluster.tcp-timeout"))
        .isEqualTo("myreconnectInterval a.tcpTimeout --cluster.tcp-timeout");
  }
}
