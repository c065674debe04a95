package org.alertcluster.spitests.support;

import java.util.Collection;
import java.util.List;
import org.alertcluster.api.Peer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Cuts and restores the network links between peers of the implementation under test, for
 * {@link PeerCluster#partition} and {@link PeerCluster#heal}. The api has no such operation (a real
 * network does it), so the host supplies one; for the JGroups peer this is a JGroups
 * {@code DISCARD} protocol inserted above the transport, as JGroups' own tests do.
 *
 * <p>A cut must drop everything between the groups, in both directions (updates, full-state
 * exchanges, heartbeats, discovery), and nothing within a group; the peers' views then split by
 * their own failure detection. {@link #heal} must restore every link; the peers must then find
 * each other and merge by themselves.
 */
@ConsumerType
public interface LinkControl {

  /**
   * Cuts every link between peers of different groups.
   *
   * @param groups disjoint groups of peers
   */
  void cut(List<List<Peer>> groups);

  /**
   * Restores every link of the given peers.
   *
   * @param peers the peers
   */
  void heal(Collection<Peer> peers);
}
