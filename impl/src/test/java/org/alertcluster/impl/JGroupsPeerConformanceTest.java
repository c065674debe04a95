package org.alertcluster.impl;

import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.PeerVerification;

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
}
