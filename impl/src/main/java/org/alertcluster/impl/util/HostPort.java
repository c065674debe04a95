package org.alertcluster.impl.util;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A {@code host:port} value from {@link org.alertcluster.api.ClusterConfig}, split. The syntax was
 * already checked by the config builder; IPv6 hosts come in brackets and are stored without them.
 *
 * @param host the host name or IP literal, without brackets
 * @param port the port, 0 to 65535
 */
public record HostPort(String host, int port) {

  /**
   * Splits {@code host:port} or {@code [ipv6]:port}.
   *
   * @param value the value
   * @return the parts
   * @throws IllegalArgumentException if there is no port
   */
  public static HostPort parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + value + "' is not host:port");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostPort(host, Integer.parseInt(value.substring(colon + 1)));
  }

  /** @return true for {@code 0.0.0.0}, {@code ::} and the like: listen on every interface */
  public boolean isWildcard() {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }

  /**
   * Formats an address as {@code ip:port}, IPv6 in brackets, as {@link org.alertcluster.api.Member}
   * addresses are reported.
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
   * Formats a socket address like {@link #format(InetAddress, int)}.
   *
   * @param address the socket address, resolved
   * @return the text
   */
  public static String format(InetSocketAddress address) {
    return format(address.getAddress(), address.getPort());
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
