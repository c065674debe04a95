package org.alertcluster.impl.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which names a peer's server certificate must carry, given how it was dialled. Peers dial each other
 * by IP address (that is what JGroups' views carry), so checking only the IP would force IP SANs on
 * every certificate (Alertmanager issue #3159). Accepted, in this order:
 * <ul>
 *   <li>with a fixed {@code serverName}: that name only (Alertmanager's {@code server_name});</li>
 *   <li>otherwise the IP address dialled, or the host name of any known peer given by name that
 *       resolves to that address (a Kubernetes headless service, say).</li>
 * </ul>
 * DNS names match case-insensitively; a wildcard matches one left-most label. No fallback to the
 * subject's CN (as Go and browsers).
 */
final class PeerNames {

  private final String serverName;
  private final List<String> knownPeerHosts;

  /**
   * @param serverName the fixed expected name, or empty
   * @param knownPeers the configured known peers, {@code host:port}
   */
  PeerNames(String serverName, Collection<String> knownPeers) {
    this.serverName = serverName;
    List<String> hosts = new ArrayList<>();
    for (String peer : knownPeers) {
      String host = hostOf(peer);
      if (!isIpLiteral(host)) {
        hosts.add(host);
      }
    }
    this.knownPeerHosts = List.copyOf(hosts);
  }

  /**
   * The names acceptable for a peer dialled at {@code address}.
   *
   * @param address the address dialled, may be null if unknown
   * @return acceptable names, in order of preference
   */
  Set<String> expected(InetAddress address) {
    Set<String> names = new LinkedHashSet<>();
    if (!serverName.isEmpty()) {
      names.add(serverName);
      return names;
    }
    if (address == null) {
      return names;
    }
    names.add(address.getHostAddress());
    for (String host : knownPeerHosts) {
      try {
        for (InetAddress a : InetAddress.getAllByName(host)) {
          if (a.equals(address)) {
            names.add(host);
          }
        }
      } catch (UnknownHostException e) {
        // not resolvable right now: it cannot vouch for this address
      }
    }
    return names;
  }

  /**
   * Whether the certificate carries one of the names.
   *
   * @param cert the server's certificate
   * @param names acceptable names
   * @return true if a SAN matches
   */
  static boolean matches(X509Certificate cert, Set<String> names) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    sans(cert, dns, ips);
    for (String name : names) {
      if (isIpLiteral(name)) {
        for (String ip : ips) {
          if (sameIp(ip, name)) {
            return true;
          }
        }
      } else {
        for (String pattern : dns) {
          if (dnsMatches(pattern, name)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The certificate's SANs as {@code DNS:x, IP:y}, for error messages. */
  static String describeSans(X509Certificate cert) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    sans(cert, dns, ips);
    List<String> all = new ArrayList<>();
    dns.forEach(d -> all.add("DNS:" + d));
    ips.forEach(i -> all.add("IP:" + i));
    return all.isEmpty() ? "no subject alternative names" : String.join(", ", all);
  }

  private static void sans(X509Certificate cert, List<String> dns, List<String> ips) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return;
      }
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        if (type == 2) {
          dns.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
        } else if (type == 7) {
          ips.add((String) san.get(1));
        }
      }
    } catch (CertificateParsingException e) {
      // unparseable SANs match nothing
    }
  }

  static boolean dnsMatches(String pattern, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String p = pattern.toLowerCase(Locale.ROOT);
    if (p.startsWith("*.")) {
      int dot = n.indexOf('.');
      return dot > 0 && n.substring(dot).equals(p.substring(1));
    }
    return p.equals(n);
  }

  private static boolean sameIp(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return end > 0 ? hostPort.substring(1, end) : hostPort;
    }
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 ? hostPort.substring(0, colon) : hostPort;
  }
}
