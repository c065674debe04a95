package org.alertcluster.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Peer;

/**
 * Binds one {@link Peer}'s cluster metrics to a Micrometer {@link MeterRegistry}: one meter per
 * {@link ClusterMetric}, counters as {@link FunctionCounter}s and gauges as {@link Gauge}s, named so
 * that Micrometer's Prometheus registry prints exactly Alertmanager's series, e.g.
 * {@code alertmanager_cluster_members}, {@code alertmanager_cluster_peers_joined_total} and
 * {@code alertmanager_cluster_messages_sent_total{msg_type="update"}}. Existing Alertmanager
 * dashboards and alerts therefore work unchanged.
 *
 * <p>Values are read from {@link Peer#metrics()} when the registry is scraped (a snapshot is cheap:
 * a handful of counter reads). Byte counters carry base unit "bytes" in their description only: a
 * base unit would make the Prometheus registry append {@code _bytes} and break Alertmanager's
 * {@code ..._size_total} names. Also registered: {@code alertmanager_cluster_enabled} (always 1),
 * {@code alertmanager_cluster_health_score} (0, memberlist's "healthy", which JGroups' failure
 * detection makes constant) and {@code alertcluster_cluster_ready} (1 once settled or past the settle
 * timeout).
 *
 * <pre>{@code
 * new AlertclusterMetrics(peer).bindTo(registry);             // Alertmanager's names, no extra tag
 * new AlertclusterMetrics(peer, Tags.of("cluster", "eu")).bindTo(registry);
 * }</pre>
 *
 * <p>Bind each peer once per registry; when several peers of one process share a registry, give each
 * a distinguishing tag. The meters hold a reference to the peer: remove them from the registry (or
 * discard the registry) after the peer has left.
 */
public final class AlertclusterMetrics implements MeterBinder {

  private final Peer peer;
  private final Tags tags;

  /**
   * @param peer the peer whose metrics to expose
   */
  public AlertclusterMetrics(Peer peer) {
    this(peer, Tags.empty());
  }

  /**
   * @param peer the peer whose metrics to expose
   * @param tags extra tags on every meter, e.g. the cluster name when one registry has several peers
   */
  public AlertclusterMetrics(Peer peer, Iterable<Tag> tags) {
    this.peer = Objects.requireNonNull(peer, "peer");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("alertmanager_cluster_enabled", () -> 1)
        .description("Indicates whether the clustering is enabled or not.").tags(tags)
        .register(registry);
    Gauge.builder("alertmanager_cluster_health_score", () -> 0)
        .description("Health score of the cluster. Lower values are better and zero means 'totally healthy'.")
        .tags(tags).register(registry);
    Gauge.builder("alertcluster_cluster_ready", peer, p -> p.status().isReady() ? 1 : 0)
        .description("1 when the peer has settled or its settle timeout passed, 0 while settling or after leaving.")
        .tags(tags).register(registry);
    for (ClusterMetric m : ClusterMetric.values()) {
      Tags t = tags;
      for (var label : m.labels().entrySet()) {
        t = t.and(label.getKey(), label.getValue());
      }
      String description = m.help() + (m.unit().equals("bytes") ? " (bytes)" : "");
      if (m.type() == ClusterMetric.Type.COUNTER) {
        FunctionCounter.builder(m.baseName(), peer, p -> p.metrics().get(m))
            .description(description).tags(t).register(registry);
      } else {
        Gauge.builder(m.baseName(), peer, p -> p.metrics().get(m))
            .description(description).tags(t).register(registry);
      }
    }
  }

  /**
   * The meter names this binder registers, as Micrometer sees them (counters without
   * {@code _total}).
   *
   * @return the names, without duplicates
   */
  public static List<String> meterNames() {
    List<String> names = new ArrayList<>(List.of("alertmanager_cluster_enabled",
        "alertmanager_cluster_health_score", "alertcluster_cluster_ready"));
    for (ClusterMetric m : ClusterMetric.values()) {
      if (!names.contains(m.baseName())) {
        names.add(m.baseName());
      }
    }
    return names;
  }

  static long read(ClusterMetric m, ClusterMetrics snapshot) {
    return snapshot.get(m);
  }
}
