package org.alertcluster.impl.stack;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Optional;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.HostPort;

/**
 * Works out what to bind and what to advertise, as Alertmanager's {@code calculateAdvertiseAddress}:
 * an explicit advertise address wins (a host name is resolved once, here); otherwise a concrete bind
 * address is advertised as is; a wildcard bind address advertises the first site-local
 * (private), non-loopback address of an interface that is up.
 *
 * <p>Reached through {@link StackBuilder#endpoints}.
 */
final class LocalAddresses {

  private LocalAddresses() {}

  /**
   * Derives the endpoints from the configuration.
   *
   * @param config the configuration
   * @return the endpoints
   * @throws IllegalArgumentException naming {@code bindAddress} or {@code advertiseAddress} when an
   *     address cannot be resolved or none can be derived
   */
  static StackBuilder.Endpoints of(ClusterConfig config) {
    HostPort bind = HostPort.parse("ClusterConfig.bindAddress", config.bindAddress(),
        HostPort.Allow.PORT_ZERO);
    InetAddress bindIp;
    try {
      bindIp = InetAddress.getByName(bind.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("ClusterConfig.bindAddress '" + config.bindAddress()
          + "' cannot be resolved: " + e.getMessage(), e);
    }
    if (!config.advertiseAddress().isEmpty()) {
      // A host alone takes the bound port (advertisePort 0), as memberlist and external_addr do.
      HostPort adv = HostPort.parse("ClusterConfig.advertiseAddress", config.advertiseAddress(),
          HostPort.Allow.HOST_ALONE);
      try {
        return new StackBuilder.Endpoints(bindIp, bind.port(), InetAddress.getByName(adv.host()), adv.port());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("ClusterConfig.advertiseAddress '"
            + config.advertiseAddress() + "' cannot be resolved: " + e.getMessage(), e);
      }
    }
    if (!bindIp.isAnyLocalAddress()) {
      return new StackBuilder.Endpoints(bindIp, bind.port(), bindIp, 0);
    }
    InetAddress derived = firstSiteLocal().orElseThrow(() -> new IllegalArgumentException(
        "ClusterConfig.bindAddress '" + config.bindAddress() + "' listens on every interface but "
            + "this machine has no site-local (private) address to advertise; set "
            + "ClusterConfig.advertiseAddress to the host:port the other peers should use"));
    return new StackBuilder.Endpoints(bindIp, bind.port(), derived, 0);
  }

  /** @return the first site-local, non-loopback address of an interface that is up */
  static Optional<InetAddress> firstSiteLocal() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a.isSiteLocalAddress() && !a.isLoopbackAddress()) {
            return Optional.of(a);
          }
        }
      }
    } catch (SocketException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
