package org.alertcluster.impl.discovery;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.TCPPING;
import org.jgroups.stack.IpAddress;

/**
 * Keeps TCPPING's {@code initial_hosts} equal to the resolved known peers plus the addresses of
 * failed peers that have not yet been forgotten. MERGE3 finds other subgroups only through
 * discovery, so this list is what lets a failed peer, or a peer that a DNS refresh revealed, be
 * found again (Alertmanager's reconnect and refresh loops).
 *
 * <p>TCPPING iterates its list without locking, so every update installs a fresh copy. When a
 * failed peer is forgotten its address is also dropped from TCPPING's dynamic host list (addresses
 * learnt from past views), so that it is no longer probed at all.
 *
 * <p>Reached through {@link Discovery}.
 */
final class DiscoveryHosts {

  private final TCPPING tcpping;
  private final IpAddress self;
  private Set<InetSocketAddress> known = Set.of();
  private Set<InetSocketAddress> failed = Set.of();

  /**
   * @param tcpping the discovery protocol, or null when an XML stack without TCPPING is used
   * @param self this peer's advertised address, always listed so the list is never empty (TCPPING
   *     ignores an empty update and skips its own address)
   */
  DiscoveryHosts(TCPPING tcpping, InetSocketAddress self) {
    this.tcpping = tcpping;
    this.self = new IpAddress(self);
  }

  /** @param addresses the known peers as resolved now */
  synchronized void setKnown(Collection<InetSocketAddress> addresses) {
    known = new LinkedHashSet<>(addresses);
    install();
  }

  /**
   * @param addresses the failed peers' addresses
   * @param forgotten true if some failed peer was forgotten since the last call
   */
  synchronized void setFailed(Collection<InetSocketAddress> addresses, boolean forgotten) {
    failed = new LinkedHashSet<>(addresses);
    install();
    if (forgotten && tcpping != null) {
      // Past views' members are re-added at the next view; forgotten ones stay out.
      tcpping.clearDynamicHostList();
    }
  }

  /**
   * Whether the membership is complete as far as the configuration can tell.
   *
   * @param members the current members' advertised addresses
   * @return true if there is at least one known peer other than this peer and every one of them is
   *     among {@code members}
   */
  synchronized boolean everyKnownPeerAmong(Collection<InetSocketAddress> members) {
    boolean any = false;
    for (InetSocketAddress k : known) {
      if (new IpAddress(k).equals(self)) {
        continue;
      }
      if (!members.contains(k)) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** @return the resolved known peers other than this peer */
  synchronized List<InetSocketAddress> knownOthers() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (InetSocketAddress k : known) {
      if (!new IpAddress(k).equals(self)) {
        out.add(k);
      }
    }
    return out;
  }

  /** @return the hosts discovery currently probes, for tests and logs */
  synchronized List<InetSocketAddress> current() {
    List<InetSocketAddress> all = new ArrayList<>(known);
    failed.stream().filter(a -> !known.contains(a)).forEach(all::add);
    return all;
  }

  private void install() {
    if (tcpping == null) {
      return;
    }
    List<PhysicalAddress> hosts = new ArrayList<>();
    hosts.add(self);
    for (InetSocketAddress a : current()) {
      IpAddress ip = new IpAddress(a);
      if (!ip.equals(self)) {
        hosts.add(ip);
      }
    }
    tcpping.setInitialHosts2(hosts);
  }
}
