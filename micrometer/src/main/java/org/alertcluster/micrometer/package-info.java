/**
 * Micrometer integration: {@link org.alertcluster.micrometer.AlertclusterMetrics} binds a
 * {@link org.alertcluster.api.Peer}'s metrics to a {@code MeterRegistry} under Alertmanager's names.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.alertcluster.micrometer;
