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
}
