/**
 * Views turned into members, behind one type, {@link org.alertcluster.impl.membership.Membership}:
 * sorted members, positions, leaves, failures and reconnections ({@code ViewTracker}), the leave
 * protocol that lets the others count a leave rather than a failure ({@code GoodbyeHandshake}), the
 * leave sequence itself ({@code LeaveSequence}) and node names ({@code NodeNames}). Private to the
 * impl bundle.
 */
package org.alertcluster.impl.membership;
