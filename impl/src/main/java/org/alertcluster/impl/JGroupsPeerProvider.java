package org.alertcluster.impl;

import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.spi.PeerProvider;

/**
 * The {@link PeerProvider} found by {@link org.alertcluster.api.Peers} through
 * {@link java.util.ServiceLoader}, and used by the OSGi component to create its peers. Stateless and
 * thread-safe: every call creates and joins a new {@link JGroupsPeer}; close it with
 * {@link Peer#close()} or {@link Peer#leave(java.time.Duration)}.
 */
public final class JGroupsPeerProvider implements PeerProvider {

  /** Public no-argument constructor, for ServiceLoader. */
  public JGroupsPeerProvider() {}

  @Override
  public Peer create(ClusterConfig config) {
    return JGroupsPeer.start(config);
  }
}
