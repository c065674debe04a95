/**
 * Finding the other members: known peers resolved (and re-resolved) through DNS
 * ({@link org.alertcluster.impl.discovery.KnownPeers}) and the host list handed to JGroups'
 * {@code TCPPING} ({@link org.alertcluster.impl.discovery.DiscoveryHosts}). Private to the impl
 * bundle.
 */
package org.alertcluster.impl.discovery;
