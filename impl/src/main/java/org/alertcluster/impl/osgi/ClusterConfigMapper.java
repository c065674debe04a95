package org.alertcluster.impl.osgi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;

/**
 * Turns a ConfigAdmin configuration ({@link PeerConfiguration}) into a {@link ClusterConfig}. All
 * checking is left to {@link ClusterConfig.Builder#build()} so that OSGi and plain-JVM users get the
 * same rules and the same messages.
 */
final class ClusterConfigMapper {

  private ClusterConfigMapper() {}

  /**
   * Maps every attribute onto the builder and builds.
   *
   * @param c the component's configuration
   * @return the validated configuration
   * @throws IllegalArgumentException naming the first invalid field, from the builder
   */
  static ClusterConfig toClusterConfig(PeerConfiguration c) {
    return toClusterConfig(c, PeerConfiguration.PID);
  }

  /**
   * As above, with the configuration's PID in every message.
   *
   * @param c the component's configuration
   * @param pid e.g. {@code org.alertcluster.peer~default}
   * @return the validated configuration
   * @throws IllegalArgumentException {@code PID: } and the first invalid field, its value and why
   */
  static ClusterConfig toClusterConfig(PeerConfiguration c, String pid) {
    try {
      return build(c, pid);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(pid + ": ")) {
        throw e;
      }
      throw new IllegalArgumentException(pid + ": " + e.getMessage(), e);
    }
  }

  private static ClusterConfig build(PeerConfiguration c, String pid) {
    java.util.function.BiFunction<String, String, Duration> d =
        (field, value) -> DurationProperty.parse(pid, field, value);
    return ClusterConfig.builder()
        .clusterName(c.clusterName())
        .bindAddress(c.bindAddress().strip())
        .advertiseAddress(c.advertiseAddress().strip())
        .knownPeers(splitPeers(c.knownPeers()))
        .nodeName(c.nodeName())
        .pushPullInterval(d.apply("pushPullInterval", c.pushPullInterval()))
        .settleInterval(d.apply("settleInterval", c.settleInterval()))
        .settleStablePolls(c.settleStablePolls())
        .settleTimeout(d.apply("settleTimeout", c.settleTimeout()))
        .reconnectInterval(d.apply("reconnectInterval", c.reconnectInterval()))
        .reconnectTimeout(d.apply("reconnectTimeout", c.reconnectTimeout()))
        .peerTimeout(d.apply("peerTimeout", c.peerTimeout()))
        .dnsRefreshInterval(d.apply("dnsRefreshInterval", c.dnsRefreshInterval()))
        .resolveTimeout(d.apply("resolveTimeout", c.resolveTimeout()))
        .tcpTimeout(d.apply("tcpTimeout", c.tcpTimeout()))
        .joinTimeout(d.apply("joinTimeout", c.joinTimeout()))
        .probeInterval(d.apply("probeInterval", c.probeInterval()))
        .probeTimeout(d.apply("probeTimeout", c.probeTimeout()))
        .failureDetectionTimeout(d.apply("failureDetectionTimeout", c.failureDetectionTimeout()))
        .oversizedMessageThreshold(c.oversizedMessageThreshold())
        .oversizedQueueCapacity(c.oversizedQueueCapacity())
        .sendQueueCapacity(c.sendQueueCapacity())
        .stackConfig(c.stackConfig().strip())
        .tls(tls(c))
        .build();
  }

  /** TLS stays off unless a TLS attribute is set; the builder then checks the files. */
  static TlsConfig tls(PeerConfiguration c) {
    TlsConfig.Builder b = TlsConfig.builder()
        .certificateFile(c.tlsCertificateFile())
        .keyFile(c.tlsKeyFile())
        .keyStoreFile(c.tlsKeyStoreFile())
        .keyStorePassword(c.tlsKeyStorePassword())
        .keyStoreType(c.tlsKeyStoreType())
        .caFile(c.tlsCaFile())
        .trustStoreFile(c.tlsTrustStoreFile())
        .trustStorePassword(c.tlsTrustStorePassword())
        .trustStoreType(c.tlsTrustStoreType())
        .serverName(c.tlsServerName())
        .insecureSkipVerify(c.tlsInsecureSkipVerify());
    String auth = c.tlsClientAuth().strip();
    try {
      b.clientAuth(TlsConfig.ClientAuth.valueOf(auth));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ClusterConfig.tls.clientAuth '" + auth
          + "' must be one of REQUIRE, VERIFY_IF_GIVEN, NONE", e);
    }
    return b.build();
  }

  /**
   * Flattens the known peers. A Karaf {@code .cfg} file or {@code config:property-set} yields one
   * string such as {@code "a:9094, b:9094"} where the metatype says String[], so each value is split
   * on commas and blanks too.
   */
  static List<String> splitPeers(String[] values) {
    List<String> peers = new ArrayList<>();
    if (values == null) {
      return peers;
    }
    for (String value : values) {
      if (value == null) {
        continue;
      }
      for (String part : value.split("[,\\s]+")) {
        if (!part.isEmpty()) {
          peers.add(part);
        }
      }
    }
    return peers;
  }

  /**
   * The leave timeout of a configuration (not a ClusterConfig field).
   *
   * @param c the component's configuration
   * @param pid its PID, for the message
   * @return the timeout, zero if negative
   */
  static Duration leaveTimeout(PeerConfiguration c, String pid) {
    Duration t = DurationProperty.parse(pid, "leaveTimeout", c.leaveTimeout());
    return t.isNegative() ? Duration.ZERO : t;
  }
}
