/**
 * One replica as a process: flags, snapshots on disk, the {@code Node} that wires everything, and {@code Main}.
 */
package org.alertcluster.examples.node;
