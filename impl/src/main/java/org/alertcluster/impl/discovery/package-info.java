/**
 * Finding the other members, behind one type, {@link org.alertcluster.impl.discovery.Discovery}:
 * the known peers resolved (and re-resolved) through DNS, host names and {@code dnssrv+} names
 * included ({@code KnownPeers}, {@code JndiSrvResolver}), the host list handed to JGroups'
 * {@code TCPPING}, kept equal to the known peers plus the failed peers not yet forgotten
 * ({@code DiscoveryHosts}), and the join discovery that ends once every known peer answered
 * ({@code KnownPeersPing}, created through {@code Discovery.joinPing}). Private to the impl bundle;
 * {@code Discovery} is public only because the root package wires it.
 */
package org.alertcluster.impl.discovery;
