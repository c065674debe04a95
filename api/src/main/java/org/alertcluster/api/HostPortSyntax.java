package org.alertcluster.api;

/**
 * Syntax check of {@code host:port} values in {@link ClusterConfig}; resolution is the peer's job.
 * Accepts {@code host:port}, {@code ip:port} and {@code [ipv6]:port}.
 */
final class HostPortSyntax {

  private HostPortSyntax() {}

  /**
   * A host alone ({@code 10.0.0.5}, {@code am-0.example}, {@code [fd00::5]}) or {@code host:port}.
   */
  static void checkHostWithOptionalPort(String field, String value) {
    boolean bracketedAlone = value.startsWith("[") && value.endsWith("]");
    if (value.indexOf(':') < 0 || bracketedAlone) {
      String host = bracketedAlone ? value.substring(1, value.length() - 1) : value;
      if (host.isBlank() || !host.equals(host.strip())) {
        throw new IllegalArgumentException("ClusterConfig." + field + " must be host or host:port,"
            + " was '" + value + "' (missing host)");
      }
      return;
    }
    check(field, value, false);
  }

  static void check(String field, String value, boolean portZeroAllowed) {
    String prefix = "ClusterConfig." + field + " must be host:port";
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(prefix + ", was '" + value + "' (missing port)");
    }
    String host = value.substring(0, colon);
    String port = value.substring(colon + 1);
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new IllegalArgumentException(prefix + ", was '" + value + "' (unbalanced brackets)");
    }
    if (!host.startsWith("[") && host.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          prefix + ", was '" + value + "' (put an IPv6 address in brackets: [::1]:9094)");
    }
    if (host.isEmpty() || host.equals("[]") || host.isBlank()) {
      throw new IllegalArgumentException(prefix + ", was '" + value + "' (missing host)");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(prefix + ", was '" + value + "' (invalid port '" + port + "')");
    }
    int min = portZeroAllowed ? 0 : 1;
    if (p < min || p > 65535) {
      throw new IllegalArgumentException(
          prefix + ", was '" + value + "' (port must be " + min + " to 65535)");
    }
  }
}
