package org.alertcluster.examples.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import java.time.Duration;

/**
 * The replica's own series on a Micrometer Prometheus registry, under the names the Alertmanager
 * monitoring mixin queries: {@code alertmanager_config_last_reload_successful},
 * {@code alertmanager_config_last_reload_success_timestamp_seconds},
 * {@code alertmanager_config_hash}, {@code alertmanager_build_info},
 * {@code alertmanager_alerts_received_total} / {@code _invalid_total},
 * {@code alertmanager_http_request_duration_seconds}, the notification series (see
 * {@link org.alertcluster.examples.notify.PipelineStats}), plus the standard {@code jvm_*} and
 * {@code process_*} series from the Prometheus Java client's collectors on the same registry.
 * The cluster series are written by the API's metrics endpoint from {@code ClusterMetrics}.
 */
public final class ReplicaMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /**
   * The {@code jvm_*} / {@code process_*} collectors are registered on the first scrape, not at start:
   * they load the JDK's management classes (memory pool, GC and thread MXBeans): about 1.5 MB of
   * resident class metadata, and class loading on the start-up path, that a replica nobody scrapes never
   * needs. Every scrape has them.
   */
  private volatile boolean jvmMetricsRegistered;
  /** The request timers by "handler method"; see {@link #request}. */
  private final java.util.concurrent.ConcurrentHashMap<String, Timer> requestTimers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param node the replica whose configuration state the gauges read
   */
  public ReplicaMetrics(Replica node) {
    Gauge.builder("alertmanager.config.last.reload.successful", () -> node.lastReloadSuccessful() ? 1 : 0)
        .description("Whether the last configuration reload attempt was successful.").register(registry);
    Gauge.builder("alertmanager.config.last.reload.success.timestamp.seconds",
            () -> node.lastReloadSuccessAt().toEpochMilli() / 1000.0)
        .description("Timestamp of the last successful configuration reload.").register(registry);
    Gauge.builder("alertmanager.config.hash", () -> node.config().hash())
        .description("Hash of the currently loaded alertmanager configuration.").register(registry);
    BuildInfo build = BuildInfo.current();
    Gauge.builder("alertmanager.build.info", () -> 1)
        .description("A metric with a constant '1' value labeled by version, revision, branch, and goversion from which alertmanager was built.")
        .tag("version", build.version()).tag("revision", build.revision()).tag("branch", build.branch())
        .tag("goversion", "java" + System.getProperty("java.version"))
        .tag("goos", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT))
        .tag("goarch", System.getProperty("os.arch")).register(registry);
    for (String status : new String[] {"firing", "resolved"}) {
      received(status);
    }
    Counter.builder("alertmanager.alerts.invalid").description("The total number of received alerts that were invalid.")
        .register(registry);
  }

  private Counter received(String status) {
    return Counter.builder("alertmanager.alerts.received").description("The total number of received alerts.")
        .tag("status", status).tag("version", "v2").register(registry);
  }

  /**
   * Counts a received alert.
   *
   * @param resolved whether it arrived resolved
   */
  public void alertReceived(boolean resolved) {
    received(resolved ? "resolved" : "firing").increment();
  }

  /** Counts a batch refused as invalid. */
  public void alertsInvalid() {
    registry.counter("alertmanager.alerts.invalid").increment();
  }

  /**
   * Records an HTTP request.
   *
   * @param handler the route, e.g. {@code /api/v2/alerts}
   * @param method the HTTP method
   * @param took how long it took
   */
  public void request(String handler, String method, Duration took) {
    // One Timer per (handler, method), built once: building and registering it on every request
    // (tags, SLO array, the registry's id lookup) was 14% of a POST's Java CPU samples in JFR.
    // handler is a bounded label (ApiServer.handlerLabel); method as the registry already keys it.
    requestTimers.computeIfAbsent(handler + ' ' + method, k -> Timer.builder("alertmanager.http.request.duration")
        .description("Histogram of latencies for HTTP requests.")
        .tag("handler", handler).tag("method", method.toLowerCase(java.util.Locale.ROOT))
        .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
        .register(registry)).record(took);
  }

  /** @return the registry the pipeline's counters go to */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  private void registerJvmMetrics() {
    if (!jvmMetricsRegistered) {
      synchronized (this) {
        if (!jvmMetricsRegistered) {
          JvmMetrics.builder().register(registry.getPrometheusRegistry());
          jvmMetricsRegistered = true;
        }
      }
    }
  }

  /** @return every series in the Prometheus text format */
  public String scrape() {
    registerJvmMetrics();
    return registry.scrape();
  }
}
