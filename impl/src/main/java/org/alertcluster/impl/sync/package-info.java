/**
 * Replication of the registered States: the registry that merges and marshals them with failures
 * isolated per key ({@link org.alertcluster.impl.sync.StateRegistry}), the non-blocking broadcast
 * queues ({@link org.alertcluster.impl.sync.Broadcaster}), push-pull full-state exchange
 * ({@link org.alertcluster.impl.sync.StateExchanger}) and the policy of when to exchange with whom
 * ({@link org.alertcluster.impl.sync.SyncCoordinator}). Private to the impl bundle.
 */
package org.alertcluster.impl.sync;
