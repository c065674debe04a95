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
 * @param routePrefix the path every HTTP route is served under ({@code --web.route-prefix}, default
 *     the path of {@code --web.external-url}); empty for the root, else {@code /path} without a
 *     trailing slash
 * @param logLevel {@code --log.level}: debug, info, warn or error
 * @param logFormat {@code --log.format}: logfmt or json
 */
public record NodeOptions(Optional<ClusterConfig> cluster, String webListenAddress, String externalUrl,
    Path storagePath, Path configFile, Duration retention, Duration maintenanceInterval,
    String routePrefix, String logLevel, String logFormat) {

  /**
   * Options with the root route prefix and info logging in logfmt.
   *
   * @param cluster the peer's configuration
   * @param webListenAddress the API address
   * @param externalUrl the external URL
   * @param storagePath the storage directory
   * @param configFile the config file
   * @param retention data retention
   * @param maintenanceInterval maintenance interval
   */
  public NodeOptions(Optional<ClusterConfig> cluster, String webListenAddress, String externalUrl,
      Path storagePath, Path configFile, Duration retention, Duration maintenanceInterval) {
    this(cluster, webListenAddress, externalUrl, storagePath, configFile, retention, maintenanceInterval,
        "", "info", "logfmt");
  }

  /** Rejects nulls. */
  public NodeOptions {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(webListenAddress, "webListenAddress");
    Objects.requireNonNull(externalUrl, "externalUrl");
    Objects.requireNonNull(storagePath, "storagePath");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(maintenanceInterval, "maintenanceInterval");
    Objects.requireNonNull(routePrefix, "routePrefix");
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(logFormat, "logFormat");
  }
}
