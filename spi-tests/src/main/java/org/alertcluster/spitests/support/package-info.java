/**
 * Small helpers for host tests: free loopback ports, bounded waits on peers and States, and byte
 * summaries for failure messages. Used by the kit itself and usable on their own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.alertcluster.spitests.support;
