/**
 * Small helpers for host tests: free loopback ports, bounded waits on peers and States, byte
 * summaries for failure messages, and partitions ({@link org.alertcluster.spitests.support.LinkControl}). Used by the kit itself and usable on their own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.alertcluster.spitests.support;
