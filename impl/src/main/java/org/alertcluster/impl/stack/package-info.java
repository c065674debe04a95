/**
 * The JGroups protocol stack built from a {@link org.alertcluster.api.ClusterConfig}
 * ({@link org.alertcluster.impl.stack.StackBuilder}, the package's one door), the bind and advertise
 * addresses it uses ({@code LocalAddresses}) and impl's own protocols in it ({@code MergeGuard},
 * {@code BoundedFdSock2}, {@code CountingMFC}), which the other packages reach through
 * {@code StackBuilder}'s static methods. Private to the impl bundle.
 */
package org.alertcluster.impl.stack;
