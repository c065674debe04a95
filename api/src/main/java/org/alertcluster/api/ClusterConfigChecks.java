package org.alertcluster.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a valid {@link ClusterConfig} is: the checks {@link ClusterConfig.Builder#build()} runs, with
 * messages that name the field ({@code ClusterConfig.<field> must be <expected>, was '<value>'}),
 * so that a configuration read from flags or ConfigAdmin reports a mistake by field name. The field
 * docs in {@link ClusterConfig} state the same ranges.
 */
final class ClusterConfigChecks {

  private ClusterConfigChecks() {}

  /**
   * Checks every field.
   *
   * @param c the configuration just built
   * @throws IllegalArgumentException naming the first invalid field, its value and what is expected
   */
  static void check(ClusterConfig c) {
    int nameBytes = c.clusterName().getBytes(StandardCharsets.UTF_8).length;
    int maxBytes = ClusterConfig.MAX_CLUSTER_NAME_BYTES;
    require(nameBytes >= 1 && nameBytes <= maxBytes && !c.clusterName().isBlank(),
        "clusterName", c.clusterName(), "1 to " + maxBytes + " bytes, not blank");
    HostPort.parse("ClusterConfig.bindAddress", c.bindAddress(), HostPort.Allow.PORT_ZERO);
    if (!c.advertiseAddress().isEmpty()) {
      HostPort.parse("ClusterConfig.advertiseAddress", c.advertiseAddress(),
          HostPort.Allow.HOST_ALONE);
    }
    for (int i = 0; i < c.knownPeers().size(); i++) {
      String peer = c.knownPeers().get(i); // not null: the builder checked before copying
      if (peer.startsWith(ClusterConfig.SRV_PREFIX)) {
        String srv = peer.substring(ClusterConfig.SRV_PREFIX.length());
        require(!srv.isBlank() && srv.equals(srv.strip()) && srv.indexOf(':') < 0,
            "knownPeers[" + i + "]", peer, "host:port or dnssrv+NAME (an SRV name, no port)");
      } else {
        HostPort.parse("ClusterConfig.knownPeers[" + i + "]", peer, HostPort.Allow.NOTHING);
      }
    }
    String name = c.nodeName();
    require(name.equals(name.strip()) && name.chars().noneMatch(Character::isISOControl),
        "nodeName", name, "free of leading or trailing blanks and of control characters");
    positive("pushPullInterval", c.pushPullInterval());
    positive("settleInterval", c.settleInterval());
    require(c.settleStablePolls() >= 1, "settleStablePolls", c.settleStablePolls(), "at least 1");
    require(!c.settleTimeout().isNegative(), "settleTimeout", c.settleTimeout(), "zero or positive");
    positive("reconnectInterval", c.reconnectInterval());
    positive("reconnectTimeout", c.reconnectTimeout());
    positive("peerTimeout", c.peerTimeout());
    positive("dnsRefreshInterval", c.dnsRefreshInterval());
    positive("resolveTimeout", c.resolveTimeout());
    positive("tcpTimeout", c.tcpTimeout());
    positive("joinTimeout", c.joinTimeout());
    positive("probeInterval", c.probeInterval());
    positive("probeTimeout", c.probeTimeout());
    require(c.failureDetectionTimeout().compareTo(c.probeInterval()) > 0, "failureDetectionTimeout",
        c.failureDetectionTimeout(), "greater than probeInterval (" + format(c.probeInterval()) + ")");
    require(c.oversizedMessageThreshold() >= 1, "oversizedMessageThreshold",
        c.oversizedMessageThreshold(), "at least 1 byte");
    require(c.oversizedQueueCapacity() >= 1, "oversizedQueueCapacity", c.oversizedQueueCapacity(),
        "at least 1");
    require(c.sendQueueCapacity() >= 1, "sendQueueCapacity", c.sendQueueCapacity(), "at least 1");
    require(c.stackConfig().equals(c.stackConfig().strip()), "stackConfig", c.stackConfig(),
        "a file path without leading or trailing blanks, or empty");
  }

  private static void positive(String field, Duration value) {
    require(!value.isNegative() && !value.isZero(), field, value, "positive");
  }

  private static void require(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException("ClusterConfig." + field + " must be " + expected
          + ", was '" + (value instanceof Duration d ? format(d) : value) + "'");
    }
  }

  /**
   * A duration the way operators write it (Alertmanager's flags, Go's {@code time.Duration}):
   * {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 6h}, {@code -1s}; sub-millisecond values in
   * ISO-8601. Used in error messages, so that a value typed as {@code 500} or {@code 500ms} is not
   * echoed back as {@code PT0.5S}.
   *
   * @param d a duration
   * @return its short form
   */
  static String format(Duration d) {
    if (d.isNegative()) {
      // -1s, -500ms: as typed, not PT-1S (the one value that cannot be negated stays ISO)
      return d.getSeconds() == Long.MIN_VALUE ? d.toString() : "-" + format(d.negated());
    }
    if (d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    if (d.isZero()) {
      return "0s";
    }
    if (d.getNano() != 0) {
      return d.getSeconds() < 1_000_000 ? d.toMillis() + "ms" : d.toString();
    }
    long s = d.getSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      b.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0) {
      b.append(s).append('s');
    }
    return b.toString();
  }
}
