package org.alertcluster.api;

import java.util.Objects;

/**
 * One member of the cluster as the host sees it: Alertmanager's {@code ClusterMember}.
 *
 * @param name the member's node name ({@link ClusterConfig#nodeName()}, or the generated one). Names
 *     order the members for {@link Peer#position()}.
 * @param address the member's advertised address as {@code host:port} (IPv6 hosts in brackets), or
 *     an empty string while it is not yet known
 */
public record Member(String name, String address) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public Member {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }
}
