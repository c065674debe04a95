/**
 * Replication of the registered States, behind one type, {@link
 * org.alertcluster.impl.sync.StateReplication}: the registry that merges and marshals them with
 * failures isolated per key ({@code StateRegistry}), the non-blocking broadcast queues ({@code
 * Broadcaster}), acknowledged broadcasts ({@code AckedBroadcasts}), push-pull full-state exchange
 * ({@code StateExchanger}) and the policy of when to exchange with whom ({@code SyncCoordinator}).
 * Private to the impl bundle.
 */
package org.alertcluster.impl.sync;
