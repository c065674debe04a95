/**
 * Membership on top of JGroups: building the stack from a {@link org.alertcluster.api.ClusterConfig}
 * ({@link org.alertcluster.impl.membership.StackBuilder}), bind and advertise addresses
 * ({@link org.alertcluster.impl.membership.LocalAddresses}), known-peer resolution and DNS refresh
 * ({@link org.alertcluster.impl.membership.KnownPeers},
 * {@link org.alertcluster.impl.membership.DiscoveryHosts}), views turned into sorted members,
 * positions, leaves, failures and reconnections
 * ({@link org.alertcluster.impl.membership.ViewTracker}), node names
 * ({@link org.alertcluster.impl.membership.NodeNames}) and readiness
 * ({@link org.alertcluster.impl.membership.Settler}). Private to the impl bundle.
 */
package org.alertcluster.impl.membership;
