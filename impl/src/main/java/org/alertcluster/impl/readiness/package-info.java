/**
 * When a peer is ready: settling on a stable member count and received state, or a timeout
 * ({@link org.alertcluster.impl.readiness.Settler}). Private to the impl bundle.
 */
package org.alertcluster.impl.readiness;
