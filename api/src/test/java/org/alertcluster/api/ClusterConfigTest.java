package org.alertcluster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterConfigTest {

  @Test
  void defaultsMirrorAlertmanagerFlags() {
    ClusterConfig c = ClusterConfig.defaults();
    assertThat(c.clusterName()).isEqualTo("alertcluster");
    assertThat(c.bindAddress()).isEqualTo("0.0.0.0:9094");
    assertThat(c.advertiseAddress()).isEmpty();
    assertThat(c.knownPeers()).isEmpty();
    assertThat(c.nodeName()).isEmpty();
    assertThat(c.pushPullInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.settleTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.settleStablePolls()).isEqualTo(3);
    assertThat(c.reconnectInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.reconnectTimeout()).isEqualTo(Duration.ofHours(6));
    assertThat(c.peerTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.tcpTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.probeInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.probeTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.oversizedQueueCapacity()).isEqualTo(200);
    assertThat(c.sendQueueCapacity()).isEqualTo(4096);
    assertThat(c.stackConfig()).isEmpty();
  }

  @Test
  void toBuilderCopiesEveryField() {
    ClusterConfig c = ClusterConfig.builder()
        .clusterName("prod")
        .bindAddress("127.0.0.1:0")
        .advertiseAddress("[::1]:9094")
        .knownPeers(List.of("a.example:9094", "10.0.0.1:9094"))
        .nodeName("am-0")
        .settleTimeout(Duration.ZERO)
        .oversizedMessageThreshold(700)
        .build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().nodeName("am-1").build()).isNotEqualTo(c);
    assertThat(c.toString()).contains("clusterName=prod", "nodeName=am-0");
  }

  @Test
  void knownPeersAreCopiedNotShared() {
    List<String> peers = new java.util.ArrayList<>(List.of("a:1"));
    ClusterConfig.Builder b = ClusterConfig.builder().knownPeers(peers);
    peers.add("b:2");
    assertThat(b.build().knownPeers()).containsExactly("a:1");
    assertThatThrownBy(() -> b.build().knownPeers().add("c:3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("clusterName", b -> b.clusterName(""), "clusterName must be 1 to 255 bytes"),
        bad("clusterName", b -> b.clusterName("x".repeat(256)), "clusterName must be"),
        bad("bindAddress", b -> b.bindAddress("127.0.0.1"), "bindAddress must be host:port, was '127.0.0.1' (missing port)"),
        bad("bindAddress", b -> b.bindAddress(":9094"), "bindAddress must be host:port, was ':9094' (missing host)"),
        bad("bindAddress", b -> b.bindAddress("::1:9094"), "put an IPv6 address in brackets"),
        bad("bindAddress", b -> b.bindAddress("h:70000"), "port must be 0 to 65535"),
        bad("advertiseAddress", b -> b.advertiseAddress("h:0"), "advertiseAddress must be host or host:port, was 'h:0' (port must be 1 to 65535)"),
        bad("knownPeers", b -> b.knownPeers(List.of("a:1", "b")), "knownPeers[1] must be host:port, was 'b' (missing port)"),
        bad("knownPeers", b -> b.knownPeers(List.of("a:x")), "invalid port 'x'"),
        bad("nodeName", b -> b.nodeName(" am"), "nodeName must be"),
        bad("pushPullInterval", b -> b.pushPullInterval(Duration.ZERO), "pushPullInterval must be positive, was '0s'"),
        bad("settleInterval", b -> b.settleInterval(Duration.ofSeconds(-1)), "settleInterval must be positive"),
        bad("settleStablePolls", b -> b.settleStablePolls(0), "settleStablePolls must be at least 1"),
        bad("settleTimeout", b -> b.settleTimeout(Duration.ofSeconds(-1)), "settleTimeout must be zero or positive"),
        bad("reconnectInterval", b -> b.reconnectInterval(Duration.ZERO), "reconnectInterval must be positive"),
        bad("reconnectTimeout", b -> b.reconnectTimeout(Duration.ZERO), "reconnectTimeout must be positive"),
        bad("peerTimeout", b -> b.peerTimeout(Duration.ZERO), "peerTimeout must be positive"),
        bad("dnsRefreshInterval", b -> b.dnsRefreshInterval(Duration.ZERO), "dnsRefreshInterval must be positive"),
        bad("resolveTimeout", b -> b.resolveTimeout(Duration.ZERO), "resolveTimeout must be positive"),
        bad("tcpTimeout", b -> b.tcpTimeout(Duration.ZERO), "tcpTimeout must be positive"),
        bad("joinTimeout", b -> b.joinTimeout(Duration.ZERO), "joinTimeout must be positive"),
        bad("probeInterval", b -> b.probeInterval(Duration.ZERO), "probeInterval must be positive"),
        bad("probeTimeout", b -> b.probeTimeout(Duration.ZERO), "probeTimeout must be positive"),
        bad("failureDetectionTimeout", b -> b.failureDetectionTimeout(Duration.ofMillis(1000)),
            "failureDetectionTimeout must be greater than probeInterval (1s)"),
        bad("oversizedMessageThreshold", b -> b.oversizedMessageThreshold(0), "oversizedMessageThreshold must be at least 1 byte"),
        bad("oversizedQueueCapacity", b -> b.oversizedQueueCapacity(0), "oversizedQueueCapacity must be at least 1"),
        bad("sendQueueCapacity", b -> b.sendQueueCapacity(-5), "sendQueueCapacity must be at least 1"),
        bad("stackConfig", b -> b.stackConfig(" x.xml"), "stackConfig must be"));
  }

  private static Arguments bad(String field, UnaryOperator<ClusterConfig.Builder> edit, String message) {
    return Arguments.of(field, edit, message);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalid")
  void invalidValuesAreRejectedNamingTheField(
      String field, UnaryOperator<ClusterConfig.Builder> edit, String message) {
    ClusterConfig.Builder builder = edit.apply(ClusterConfig.builder());
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ClusterConfig." + field)
        .hasMessageContaining(message);
  }

  @Test
  void acceptsTheAddressFormsAlertmanagerAccepts() {
    ClusterConfig c = ClusterConfig.builder()
        .bindAddress("[::]:9094")
        .advertiseAddress("am-0.am.svc:9094")
        .knownPeers(List.of("10.0.0.1:9094", "[fe80::1]:9094", "am.svc.cluster.local:9094"))
        .build();
    assertThat(c.knownPeers()).hasSize(3);
  }

  @Test
  void durationsInMessagesReadAsOperatorsWriteThem() {
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofHours(6))).isEqualTo("6h");
    assertThat(ClusterConfigChecks.format(java.time.Duration.ZERO)).isEqualTo("0s");
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    // a negative value as the user typed it (it was echoed as 'PT-0.5S')
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofMillis(-500))).isEqualTo("-500ms");
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofMillis(1500))).isEqualTo("1500ms");
    // extremes do not overflow into an ArithmeticException instead of the message
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofSeconds(Long.MIN_VALUE)))
        .isEqualTo(java.time.Duration.ofSeconds(Long.MIN_VALUE).toString());
    assertThat(ClusterConfigChecks.format(java.time.Duration.ofSeconds(-Long.MAX_VALUE)))
        .isEqualTo("-2562047788015215h30m7s");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterConfig.builder()
            .tcpTimeout(java.time.Duration.ofSeconds(-1)).build())
        .hasMessage("ClusterConfig.tcpTimeout must be positive, was '-1s'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterConfig.builder()
            .probeInterval(java.time.Duration.ofSeconds(1))
            .failureDetectionTimeout(java.time.Duration.ofMillis(500)).build())
        .hasMessage("ClusterConfig.failureDetectionTimeout must be greater than probeInterval (1s),"
            + " was '500ms'");
  }

  @Test
  void loopbackPresetBindsLoopbackOnAnOsPortWithShorterTimings() {
    ClusterConfig local = ClusterConfig.loopback().build();
    ClusterConfig lan = ClusterConfig.defaults();
    assertThat(local.bindAddress()).isEqualTo("127.0.0.1:0");
    assertThat(local.joinTimeout()).isLessThan(lan.joinTimeout());
    assertThat(local.settleInterval().multipliedBy(local.settleStablePolls()))
        .isLessThan(lan.settleInterval().multipliedBy(lan.settleStablePolls()));
    assertThat(local.probeTimeout()).isLessThan(local.failureDetectionTimeout());
    assertThat(local.reconnectInterval()).isLessThan(lan.reconnectInterval());
    // Everything not about timing keeps its default.
    assertThat(local.clusterName()).isEqualTo(lan.clusterName());
    assertThat(local.sendQueueCapacity()).isEqualTo(lan.sendQueueCapacity());
    assertThat(ClusterConfig.loopback().clusterName("t").knownPeers(List.of("127.0.0.1:1")).build()
        .knownPeers()).containsExactly("127.0.0.1:1");
  }
}
