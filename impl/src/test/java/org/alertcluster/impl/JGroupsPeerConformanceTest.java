package org.alertcluster.impl;

import java.util.Collection;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.PeerVerification;
import org.alertcluster.spitests.support.LinkControl;

/**
 * The JGroups peer checked by the conformance kit, created the way a plain-JVM host creates it
 * (through {@link Peers} and the ServiceLoader provider), so the kit also covers that path. In
 * impl's root package because the crash hook, {@code JGroupsPeer.halt()}, is package-private.
 */
class JGroupsPeerConformanceTest extends PeerVerification {

  @Override
  protected Peer createPeer(ClusterConfig config) {
    return Peers.create(config, JGroupsPeerConformanceTest.class.getClassLoader());
  }

  @Override
  protected void crash(Peer peer) {
    ((JGroupsPeer) peer).halt();
  }

  @Override
  protected LinkControl linkControl() {
    return new LinkControl() {
      @Override
      public void cut(List<List<Peer>> groups) {
        Faults.cut(groups.stream().map(g -> g.stream().map(p -> (JGroupsPeer) p).toList()).toList());
      }

      @Override
      public void heal(Collection<Peer> peers) {
        Faults.heal(peers.stream().map(p -> (JGroupsPeer) p).toList());
      }
    };
  }
}
