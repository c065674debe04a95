package org.alertcluster.impl.conformance;

import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import java.util.Collection;
import java.util.List;
import org.alertcluster.impl.JGroupsPeer;
import org.alertcluster.impl.faults.Faults;
import org.alertcluster.spitests.PeerVerification;
import org.alertcluster.spitests.support.LinkControl;

/**
 * The JGroups peer checked by the conformance kit, created the way a plain-JVM host creates it
 * (through {@link Peers} and the ServiceLoader provider), so the kit also covers that path.
 */
class JGroupsPeerConformanceTest extends PeerVerification {

  @Override
  protected Peer createPeer(ClusterConfig config) {
    return Peers.create(config, JGroupsPeerConformanceTest.class.getClassLoader());
  }

  @Override
  protected void crash(Peer peer) {
    ((JGroupsPeer) peer).haltForTesting();
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
