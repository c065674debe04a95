/**
 * The alertcluster contract: a high-availability cluster layer in the shape of Prometheus
 * Alertmanager's {@code cluster} package, for Java alerting hosts.
 *
 * <p>A host creates one {@link org.alertcluster.api.Peer} per cluster it belongs to (through
 * {@link org.alertcluster.api.Peers#create(ClusterConfig)} on a plain JVM, or as an OSGi service
 * configured through ConfigAdmin), registers each replicated {@link org.alertcluster.api.State} under
 * a key (Alertmanager uses {@code "sil"} for silences and {@code "nfl"} for the notification log), and
 * announces every local change through the {@link org.alertcluster.api.Channel} it gets back. The peer
 * delivers those changes to every other member, exchanges full snapshots when peers join, when a
 * partition heals and periodically (anti-entropy), and reports when it has settled so that the host
 * does not act on a partial view of the cluster.
 *
 * <p>Who implements what:
 * <ul>
 *   <li>{@link org.alertcluster.api.State} and {@link org.alertcluster.api.MembershipListener} are
 *       implemented by the host ({@code @ConsumerType}).</li>
 *   <li>{@link org.alertcluster.api.Peer}, {@link org.alertcluster.api.Channel},
 *       {@link org.alertcluster.api.ClusterMetrics} and
 *       {@link org.alertcluster.api.spi.PeerProvider} are implemented by alertcluster
 *       ({@code @ProviderType}); hosts only call them.</li>
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.alertcluster.api;
