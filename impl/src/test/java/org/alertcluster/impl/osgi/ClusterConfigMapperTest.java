package org.alertcluster.impl.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.junit.jupiter.api.Test;

/**
 * The ConfigAdmin to ClusterConfig mapping without a framework: the configuration annotation is
 * instantiated as DS would, from its defaults plus overrides (Felix HealthCheck tests do the same
 * with mocks).
 */
class ClusterConfigMapperTest {

  @Test
  void metatypeDefaultsAreClusterConfigDefaults() {
    assertThat(ClusterConfigMapper.toClusterConfig(config(Map.of())))
        .isEqualTo(ClusterConfig.defaults());
  }

  @Test
  void everyAttributeReachesItsField() {
    Map<String, Object> v = new HashMap<>();
    v.put("clusterName", "prod");
    v.put("bindAddress", " 10.0.0.5:9094 ");
    v.put("advertiseAddress", "am-0.example:9094");
    v.put("knownPeers", new String[] {"am-1.example:9094, am-2.example:9094", "10.0.0.9:9094"});
    v.put("nodeName", "am-0");
    v.put("pushPullInterval", 30_000L);
    v.put("settleInterval", 500L);
    v.put("settleStablePolls", 5);
    v.put("settleTimeout", 0L);
    v.put("reconnectInterval", 5_000L);
    v.put("reconnectTimeout", 300_000L);
    v.put("peerTimeout", 10_000L);
    v.put("dnsRefreshInterval", 20_000L);
    v.put("resolveTimeout", 3_000L);
    v.put("tcpTimeout", 4_000L);
    v.put("joinTimeout", 1_500L);
    v.put("probeInterval", 800L);
    v.put("probeTimeout", 300L);
    v.put("failureDetectionTimeout", 4_000L);
    v.put("oversizedMessageThreshold", 1024);
    v.put("oversizedQueueCapacity", 10);
    v.put("sendQueueCapacity", 100);
    v.put("stackConfig", "/etc/jgroups.xml");

    ClusterConfig expected = ClusterConfig.builder()
        .clusterName("prod").bindAddress("10.0.0.5:9094").advertiseAddress("am-0.example:9094")
        .knownPeers(List.of("am-1.example:9094", "am-2.example:9094", "10.0.0.9:9094"))
        .nodeName("am-0").pushPullInterval(Duration.ofSeconds(30))
        .settleInterval(Duration.ofMillis(500)).settleStablePolls(5).settleTimeout(Duration.ZERO)
        .reconnectInterval(Duration.ofSeconds(5)).reconnectTimeout(Duration.ofMinutes(5))
        .peerTimeout(Duration.ofSeconds(10)).dnsRefreshInterval(Duration.ofSeconds(20))
        .resolveTimeout(Duration.ofSeconds(3)).tcpTimeout(Duration.ofSeconds(4))
        .joinTimeout(Duration.ofMillis(1500)).probeInterval(Duration.ofMillis(800))
        .probeTimeout(Duration.ofMillis(300)).failureDetectionTimeout(Duration.ofSeconds(4))
        .oversizedMessageThreshold(1024).oversizedQueueCapacity(10).sendQueueCapacity(100)
        .stackConfig("/etc/jgroups.xml")
        .build();
    assertThat(ClusterConfigMapper.toClusterConfig(config(v))).isEqualTo(expected);
  }

  @Test
  void everyClusterConfigFieldHasAnAttributeOfTheSameName() {
    Set<String> attributes = Arrays.stream(PeerConfiguration.class.getDeclaredMethods())
        .map(Method::getName).collect(Collectors.toSet());
    Set<String> fields = Arrays.stream(ClusterConfig.class.getDeclaredMethods())
        .filter(m -> m.getParameterCount() == 0 && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
            && java.lang.reflect.Modifier.isPublic(m.getModifiers()))
        .map(Method::getName)
        .filter(n -> !Set.of("toBuilder", "hashCode", "toString").contains(n))
        .collect(Collectors.toSet());
    // The nested TLS value is flattened: TlsConfig.caFile is the attribute tlsCaFile.
    Set<String> tlsFields = Arrays.stream(TlsConfig.class.getDeclaredMethods())
        .filter(m -> m.getParameterCount() == 0 && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
            && java.lang.reflect.Modifier.isPublic(m.getModifiers()))
        .map(Method::getName)
        .filter(n -> !Set.of("toBuilder", "hashCode", "toString", "enabled", "load", "files")
            .contains(n))
        .map(n -> "tls" + Character.toUpperCase(n.charAt(0)) + n.substring(1))
        .collect(Collectors.toSet());
    assertThat(tlsFields).contains("tlsCaFile", "tlsKeyStorePassword");
    fields.remove("tls");
    assertThat(attributes).containsExactlyInAnyOrderElementsOf(
        java.util.stream.Stream.of(fields.stream(), tlsFields.stream(),
            java.util.stream.Stream.of("leaveTimeout")).flatMap(x -> x).toList());
  }

  @Test
  void tlsAttributesReachTlsConfigAndBadOnesAreRefusedByName(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    org.alertcluster.impl.tls.TestPki pki = new org.alertcluster.impl.tls.TestPki(dir);
    org.alertcluster.impl.tls.TestPki.PeerFiles f = pki.issue(pki.ca("ca"), "p",
        org.alertcluster.impl.tls.TestPki.spec());
    Map<String, Object> v = new HashMap<>();
    v.put("tlsCertificateFile", f.cert().toString());
    v.put("tlsKeyFile", f.key().toString());
    v.put("tlsCaFile", f.ca().toString());
    v.put("tlsServerName", "am.example");
    v.put("tlsClientAuth", "VERIFY_IF_GIVEN");
    TlsConfig tls = ClusterConfigMapper.toClusterConfig(config(v)).tls();
    assertThat(tls).isEqualTo(TlsConfig.builder().certificateFile(f.cert().toString())
        .keyFile(f.key().toString()).caFile(f.ca().toString()).serverName("am.example")
        .clientAuth(TlsConfig.ClientAuth.VERIFY_IF_GIVEN).build());
    v.put("tlsClientAuth", "RequireAndVerifyClientCert");
    assertThatThrownBy(() -> ClusterConfigMapper.toClusterConfig(config(v)))
        .hasMessageContaining("ClusterConfig.tls.clientAuth 'RequireAndVerifyClientCert' must be");
    v.remove("tlsClientAuth");
    v.put("tlsKeyFile", dir.resolve("missing.key").toString());
    assertThatThrownBy(() -> ClusterConfigMapper.toClusterConfig(config(v)))
        .hasMessageContaining("ClusterConfig.tls.keyFile '").hasMessageEndingWith("does not exist");
  }

  @Test
  void knownPeersFromACfgFileAreSplitOnCommasAndBlanks() {
    assertThat(ClusterConfigMapper.splitPeers(new String[] {" a:1,b:2  c:3 ", "", "d:4"}))
        .containsExactly("a:1", "b:2", "c:3", "d:4");
    assertThat(ClusterConfigMapper.splitPeers(new String[] {""})).isEmpty();
    assertThat(ClusterConfigMapper.splitPeers(null)).isEmpty();
  }

  @Test
  void invalidValuesFailWithTheBuildersMessage() {
    assertThatThrownBy(() -> ClusterConfigMapper.toClusterConfig(
        config(Map.of("pushPullInterval", 0L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("org.alertcluster.peer: ClusterConfig.pushPullInterval must be positive");
    assertThatThrownBy(() -> ClusterConfigMapper.toClusterConfig(
        config(Map.of("knownPeers", new String[] {"no-port"}))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ClusterConfig.knownPeers[0] must be host:port");
  }

  @Test
  void durationsAcceptUnitsIsoAndMilliseconds() {
    String pid = "org.alertcluster.peer~am";
    Map<String, Duration> accepted = Map.of("30s", Duration.ofSeconds(30), "500ms",
        Duration.ofMillis(500), "1m", Duration.ofMinutes(1), "1h30m", Duration.ofMinutes(90),
        "1.5s", Duration.ofMillis(1500), "PT30S", Duration.ofSeconds(30), "30000",
        Duration.ofSeconds(30), " 2s ", Duration.ofSeconds(2), "100us", Duration.ofNanos(100_000));
    accepted.forEach((text, expected) -> assertThat(DurationProperty.parse(pid, "f", text))
        .as(text).isEqualTo(expected));
    ClusterConfig c = ClusterConfigMapper.toClusterConfig(config(Map.of("pushPullInterval", "30s",
        "probeInterval", "500ms", "settleTimeout", "PT2M", "tcpTimeout", 4000L)), pid);
    assertThat(c.pushPullInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.probeInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.settleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.tcpTimeout()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void aValueThatIsNoDurationIsRefusedNamingTheConfigurationAndTheField() {
    for (String bad : List.of("abc", "30 s", "5x", "", "1m-", "P", "s")) {
      assertThatThrownBy(() -> ClusterConfigMapper.toClusterConfig(
          config(Map.of("pushPullInterval", bad)), "org.alertcluster.peer~NAME"))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("org.alertcluster.peer~NAME: pushPullInterval must be a duration such as 30s"
              + " or 30000, was '" + bad + "'");
    }
    assertThatThrownBy(() -> ClusterConfigMapper.leaveTimeout(
        config(Map.of("leaveTimeout", "soon")), "org.alertcluster.peer~x"))
        .hasMessage("org.alertcluster.peer~x: leaveTimeout must be a duration such as 30s or 30000,"
            + " was 'soon'");
  }

  @Test
  void builderErrorsEchoTheDurationInTheUnitsOperatorsUse() {
    assertThatThrownBy(() -> ClusterConfigMapper.toClusterConfig(config(Map.of(
        "probeInterval", "1s", "failureDetectionTimeout", "500")), "org.alertcluster.peer~am"))
        .hasMessage("org.alertcluster.peer~am: ClusterConfig.failureDetectionTimeout must be greater"
            + " than probeInterval (1s), was '500ms'");
  }

  /** The annotation as DS builds it: each method returns the override or its declared default. */
  static PeerConfiguration config(Map<String, Object> overrides) {
    return (PeerConfiguration) Proxy.newProxyInstance(PeerConfiguration.class.getClassLoader(),
        new Class<?>[] {PeerConfiguration.class}, (proxy, method, args) -> {
          if (overrides.containsKey(method.getName())) {
            Object v = overrides.get(method.getName());
            // DS converts a property to the attribute's type; Long to String by toString().
            return method.getReturnType() == String.class && !(v instanceof String)
                ? String.valueOf(v) : v;
          }
          Object def = method.getDefaultValue();
          if (def == null) {
            throw new UnsupportedOperationException(method.getName());
          }
          return def;
        });
  }
}
