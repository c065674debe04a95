package org.alertcluster.api.spi;

import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates {@link Peer}s; found by {@link org.alertcluster.api.Peers} through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.alertcluster.api.spi.PeerProvider}).
 * An implementation has a public no-argument constructor and is thread-safe.
 */
@ProviderType
public interface PeerProvider {

  /**
   * Creates a peer that starts joining before this method returns: its port is bound, the known
   * peers have been contacted (or the join timeout passed) and settling has begun.
   *
   * @param config the configuration, already validated by its builder
   * @return a new, joining peer
   * @throws RuntimeException if the peer cannot start (for example the port is taken, or the advertise
   *     address cannot be determined); the message says which setting to change
   */
  Peer create(ClusterConfig config);
}
