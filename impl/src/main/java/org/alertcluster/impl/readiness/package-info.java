/**
 * When a peer is ready: settling on a stable member count and received state, or a timeout
 * ({@link org.alertcluster.impl.readiness.Settler}, the package's one type and door, public only
 * because the root package creates and polls it). Private to the impl bundle.
 */
package org.alertcluster.impl.readiness;
