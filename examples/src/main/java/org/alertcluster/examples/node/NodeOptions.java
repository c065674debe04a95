package org.alertcluster.examples.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.alertcluster.api.ClusterConfig;

/**
 * Everything one replica needs besides its {@code alertmanager.yml}: the parsed command line.
 *
 * @param cluster the peer's configuration, or empty when clustering is disabled
 *     ({@code --cluster.listen-address=""})
 * @param webListenAddress {@code host:port} of the HTTP API ({@code :9093} = all interfaces)
 * @param externalUrl the URL this node is reached at, sent in notifications; empty to derive it
 * @param storagePath where snapshots of silences and the notification log are kept
 * @param configFile the {@code alertmanager.yml}
 * @param retention how long silences and log entries are kept ({@code --data.retention})
 * @param maintenanceInterval how often to collect expired entries and write snapshots
 * @param notificationStrategy how the replicas share the sending
 *     ({@code --cluster.notification-strategy})
 */
public record NodeOptions(Optional<ClusterConfig> cluster, String webListenAddress, String externalUrl,
    Path storagePath, Path configFile, Duration retention, Duration maintenanceInterval,
    NotificationStrategy notificationStrategy) {

  /** Rejects nulls. */
  public NodeOptions {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(webListenAddress, "webListenAddress");
    Objects.requireNonNull(externalUrl, "externalUrl");
    Objects.requireNonNull(storagePath, "storagePath");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(maintenanceInterval, "maintenanceInterval");
    Objects.requireNonNull(notificationStrategy, "notificationStrategy");
  }
}
