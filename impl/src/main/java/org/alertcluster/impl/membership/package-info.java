/**
 * Views turned into members: sorted members, positions, leaves, failures and reconnections
 * ({@link org.alertcluster.impl.membership.ViewTracker}), the leave protocol that lets the others
 * count a leave rather than a failure ({@link org.alertcluster.impl.membership.GoodbyeHandshake}),
 * the leave sequence itself ({@link org.alertcluster.impl.membership.LeaveSequence}) and node
 * names ({@link org.alertcluster.impl.membership.NodeNames}). Private to the impl bundle.
 */
package org.alertcluster.impl.membership;
