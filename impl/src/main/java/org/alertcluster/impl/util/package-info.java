/**
 * Helpers below the packages that use them (as JGroups' {@code org.jgroups.util}): the peer's
 * counters, rate-limited logging and {@code host:port} formatting. Depends on nothing else in
 * impl. Private to the impl bundle.
 */
package org.alertcluster.impl.util;
