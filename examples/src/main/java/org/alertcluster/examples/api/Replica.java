package org.alertcluster.examples.api;

import java.time.Instant;
import java.util.Optional;
import org.alertcluster.api.Peer;
import org.alertcluster.examples.config.AlertmanagerConfig;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.notify.AlertStore;
import org.alertcluster.examples.notify.Dispatcher;
import org.alertcluster.examples.notify.PipelineStats;
import org.alertcluster.examples.silence.Silences;

/**
 * What the HTTP API serves: one replica's parts. The replica ({@code node.Node}) implements it, so
 * the API depends on the parts it shows and not on the class that wires them (no package cycle).
 */
public interface Replica {

  /** @return the replicated silences */
  Silences silences();

  /** @return the replicated notification log */
  NotificationLog nflog();

  /** @return the peer, or empty when clustering is disabled */
  Optional<Peer> peer();

  /** @return the alerts received */
  AlertStore alerts();

  /** @return the dispatcher, for the groups */
  Dispatcher dispatcher();

  /** @return the pipeline counters */
  PipelineStats stats();

  /** @return the configuration */
  AlertmanagerConfig config();

  /** @return when the replica started */
  Instant startedAt();

  /** @return true when the replica may notify: no cluster, or the peer is ready */
  boolean isReady();

  /**
   * Reloads the configuration file in place ({@code POST /-/reload}, {@code SIGHUP}).
   *
   * @throws org.alertcluster.examples.config.ConfigException why the file was refused; the running
   *     configuration stays
   */
  void reload() throws org.alertcluster.examples.config.ConfigException;

  /** @return whether the last reload succeeded */
  boolean lastReloadSuccessful();

  /** @return when the configuration was last loaded successfully */
  Instant lastReloadSuccessAt();

  /**
   * The alerts that inhibit a label set under the current {@code inhibit_rules}.
   *
   * @param labels the labels
   * @return fingerprints (hex) of the inhibiting alerts
   */
  java.util.List<String> inhibitedBy(java.util.Map<String, String> labels);

  /** @return the replica's Micrometer series for {@code /metrics} */
  ReplicaMetrics metrics();
}
