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
    return ClusterConfig.builder()
        .clusterName(c.clusterName())
        .bindAddress(c.bindAddress().strip())
        .advertiseAddress(c.advertiseAddress().strip())
        .knownPeers(splitPeers(c.knownPeers()))
        .nodeName(c.nodeName())
        .pushPullInterval(millis(c.pushPullInterval()))
        .settleInterval(millis(c.settleInterval()))
        .settleStablePolls(c.settleStablePolls())
        .settleTimeout(millis(c.settleTimeout()))
        .reconnectInterval(millis(c.reconnectInterval()))
        .reconnectTimeout(millis(c.reconnectTimeout()))
        .peerTimeout(millis(c.peerTimeout()))
        .dnsRefreshInterval(millis(c.dnsRefreshInterval()))
        .resolveTimeout(millis(c.resolveTimeout()))
        .tcpTimeout(millis(c.tcpTimeout()))
        .joinTimeout(millis(c.joinTimeout()))
        .probeInterval(millis(c.probeInterval()))
        .probeTimeout(millis(c.probeTimeout()))
        .failureDetectionTimeout(millis(c.failureDetectionTimeout()))
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

  private static Duration millis(long ms) {
    return Duration.ofMillis(ms);
  }
}
