/**
 * Helpers below the packages that use them (as JGroups' {@code org.jgroups.util}): the peer's
 * counters ({@link org.alertcluster.impl.util.PeerCounters}, snapshot as {@code MetricsSnapshot}),
 * its logging with the peer's name and rate-limited warnings ({@link
 * org.alertcluster.impl.util.PeerLog}) and request/response correlation ({@link
 * org.alertcluster.impl.util.Correlator}). Depends on nothing else in impl. Unlike the other
 * packages, util has no single door: each helper is shared by several packages (the reason is in
 * its class Javadoc), and one facade over unrelated helpers would be a god class. Private to the
 * impl bundle.
 */
package org.alertcluster.impl.util;
