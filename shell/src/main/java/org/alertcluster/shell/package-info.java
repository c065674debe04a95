/**
 * Apache Karaf shell commands for operators: {@code alertcluster:members}, {@code alertcluster:status},
 * {@code alertcluster:states} and {@code alertcluster:metrics}, each taking an optional cluster name
 * (completed with Tab) and showing every peer of this container when it is left out. The commands
 * find the peers as OSGi services ({@link org.alertcluster.api.Peer}) and reach them through the api
 * alone; {@link org.alertcluster.shell.PeerReport} renders the text and is usable without Karaf.
 */
package org.alertcluster.shell;
