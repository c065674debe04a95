/**
 * The JGroups protocol stack built from a {@link org.alertcluster.api.ClusterConfig}
 * ({@link org.alertcluster.impl.stack.StackBuilder}) and the bind and advertise addresses it uses
 * ({@link org.alertcluster.impl.stack.LocalAddresses}). Private to the impl bundle.
 */
package org.alertcluster.impl.stack;
