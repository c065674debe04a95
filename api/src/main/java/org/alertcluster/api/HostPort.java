package org.alertcluster.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A {@code host:port} value, parsed and checked once, with one set of error messages, for every
 * address setting: {@link ClusterConfig}'s bind, advertise and known-peer addresses and a host's
 * own listen flags. Accepts {@code host:port}, {@code ip:port} and {@code [ipv6]:port}; the host is
 * stored without brackets. An empty host ({@code :9093}, as Go's listeners take it) means every
 * interface and is only accepted where the caller allows it. Resolution is not done here.
 *
 * @param host the host name or IP literal, without brackets; empty for every interface
 * @param port the port, 0 to 65535
 */
public record HostPort(String host, int port) {

  /** What a value may leave out. */
  public enum Allow {
    /** A host and a port from 1 to 65535 are required. */
    NOTHING,
    /** Port 0 is allowed (the OS picks one). */
    PORT_ZERO,
    /** Port 0 and an empty host (every interface) are allowed. */
    PORT_ZERO_AND_EMPTY_HOST,
    /**
     * A host alone ({@code am-0.example}, {@code 10.0.0.5}, {@code [fd00::5]}) is allowed and parsed
     * with port 0, which the caller replaces by its own port (memberlist's advertise address and
     * JGroups' {@code external_addr} take the bound port); a port given must be 1 to 65535.
     *
     * @since 1.1
     */
    HOST_ALONE
  }

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the port is out of range or the host is null
   */
  public HostPort {
    if (host == null || port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a host and port: " + host + ", " + port);
    }
  }

  /**
   * Parses a value.
   *
   * @param field the setting, as the user knows it ({@code ClusterConfig.bindAddress},
   *     {@code --web.listen-address}); it starts the error message
   * @param value the text
   * @param allow what the value may leave out
   * @return the parts
   * @throws IllegalArgumentException {@code "<field> must be host:port, was '<value>' (<reason>)"}
   *     ({@code "must be host or host:port"} with {@link Allow#HOST_ALONE}), the reason one of:
   *     no scheme (a URL such as {@code http://host:9094} was given), missing port, unbalanced
   *     brackets, put an IPv6 address in brackets, missing host, blank in host, invalid port, port
   *     must be N to 65535
   */
  public static HostPort parse(String field, String value, Allow allow) {
    String prefix = field + (allow == Allow.HOST_ALONE ? " must be host or host:port, was '"
        : " must be host:port, was '") + value + "'";
    if (value == null) {
      throw new IllegalArgumentException(prefix + " (missing)");
    }
    int scheme = value.indexOf("://");
    if (scheme >= 0) {
      // A URL where an address belongs (--cluster.peer=http://am-1:9094): say so, rather than
      // mistaking the scheme's colon for an IPv6 address.
      String rest = value.substring(scheme + 3);
      int slash = rest.indexOf('/');
      String suggestion = slash >= 0 ? rest.substring(0, slash) : rest;
      throw new IllegalArgumentException(prefix + " (no scheme: give "
          + (allow == Allow.HOST_ALONE ? "host or host:port" : "host:port")
          + (suggestion.isBlank() ? "" : ", such as '" + suggestion + "'") + ")");
    }
    boolean bracketedAlone = value.startsWith("[") && value.endsWith("]");
    if (allow == Allow.HOST_ALONE && (value.indexOf(':') < 0 || bracketedAlone)) {
      String host = bracketedAlone ? value.substring(1, value.length() - 1) : value;
      if (host.isBlank() || !host.equals(host.strip()) || host.indexOf('[') >= 0
          || host.indexOf(']') >= 0) {
        throw new IllegalArgumentException(prefix + (host.isBlank() ? " (missing host)"
            : " (not a host name or IP address)"));
      }
      return new HostPort(host, 0);
    }
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(prefix + " (missing port)");
    }
    String host = value.substring(0, colon);
    String port = value.substring(colon + 1);
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new IllegalArgumentException(prefix + " (unbalanced brackets)");
    }
    if (!host.startsWith("[") && host.indexOf(':') >= 0) {
      throw new IllegalArgumentException(prefix + " (put an IPv6 address in brackets: [::1]:9094)");
    }
    boolean bracketed = host.startsWith("[");
    if (bracketed) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isBlank() && (bracketed || !host.isEmpty() || allow != Allow.PORT_ZERO_AND_EMPTY_HOST)) {
      throw new IllegalArgumentException(prefix + " (missing host)");
    }
    if (host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(prefix + " (blank in host '" + host + "')");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(prefix + " (invalid port '" + port + "')");
    }
    int min = allow == Allow.NOTHING || allow == Allow.HOST_ALONE ? 1 : 0;
    if (p < min || p > 65535) {
      throw new IllegalArgumentException(prefix + " (port must be " + min + " to 65535)");
    }
    return new HostPort(host, p);
  }

  /**
   * @return true for an empty host, {@code 0.0.0.0}, {@code ::} and the like: every interface
   */
  public boolean isWildcard() {
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")
        || host.equals("0:0:0:0:0:0:0:0");
  }

  /** @return true if the host is an IPv4 or IPv6 literal, so needs no DNS lookup */
  public boolean isIpLiteral() {
    return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  /**
   * The socket address to bind or connect to; a host name is resolved now.
   *
   * @return the wildcard address for an empty host, otherwise the (possibly unresolved) address
   */
  public InetSocketAddress socketAddress() {
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /**
   * Formats an address as {@code ip:port}, IPv6 in brackets and without a zone, as
   * {@link Member#address()} reports it.
   *
   * @param address the IP
   * @param port the port
   * @return the text
   */
  public static String format(InetAddress address, int port) {
    String ip = address.getHostAddress();
    int zone = ip.indexOf('%');
    if (zone >= 0) {
      ip = ip.substring(0, zone);
    }
    return (address instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + port;
  }

  /**
   * Formats a resolved socket address like {@link #format(InetAddress, int)}.
   *
   * @param address the socket address
   * @return the text
   */
  public static String format(InetSocketAddress address) {
    return format(address.getAddress(), address.getPort());
  }

  /** @return {@code host:port}, an IPv6 host in brackets */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
