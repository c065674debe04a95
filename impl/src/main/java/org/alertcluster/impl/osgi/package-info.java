/**
 * The OSGi face of the impl bundle: a thin adapter over the plain-JVM core.
 *
 * <ul>
 *   <li>{@link org.alertcluster.impl.osgi.PeerComponent} creates one {@link org.alertcluster.api.Peer}
 *       per factory configuration {@code org.alertcluster.peer} (described by
 *       {@link org.alertcluster.impl.osgi.PeerConfiguration}) and registers it as a service.</li>
 *   <li>{@link org.alertcluster.impl.osgi.StateWhiteboard} adds every matching
 *       {@link org.alertcluster.api.State} service to that peer and registers the returned
 *       {@link org.alertcluster.api.Channel} as a service.</li>
 * </ul>
 *
 * <p>Nothing here is needed on a plain JVM, and nothing in the core depends on this package.
 */
package org.alertcluster.impl.osgi;
