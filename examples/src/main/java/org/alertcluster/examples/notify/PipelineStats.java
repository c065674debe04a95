package org.alertcluster.examples.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one node's notification pipeline, shown by the stats endpoint and the demo, and
 * registered under Alertmanager's names (with the {@code integration} label) on a Micrometer
 * registry for {@code /metrics}.
 */
public final class PipelineStats {

  /** Integration types, registered at zero as Alertmanager registers every integration. */
  public static final java.util.List<String> INTEGRATIONS = java.util.List.of("webhook");
  private final MeterRegistry registry;

  /** Counters on a registry of their own (tests). */
  public PipelineStats() {
    this(new SimpleMeterRegistry());
  }

  /**
   * @param registry where {@code alertmanager_notifications_total} and friends are registered
   */
  public PipelineStats(MeterRegistry registry) {
    this.registry = registry;
    for (String i : INTEGRATIONS) {
      attempts(i);
      failures(i);
      latency(i);
      requests(i);
      requestsFailed(i);
    }
  }

  private Counter requests(String integration) {
    return Counter.builder("alertmanager.notification.requests").description("The total number of attempted notification requests.")
        .tag("integration", integration).register(registry);
  }

  private Counter requestsFailed(String integration) {
    return Counter.builder("alertmanager.notification.requests.failed").description("The total number of failed notification requests.")
        .tag("integration", integration).register(registry);
  }

  private Counter attempts(String integration) {
    return Counter.builder("alertmanager.notifications").description("The total number of attempted notifications.")
        .tag("integration", integration).register(registry);
  }

  private Counter failures(String integration) {
    return Counter.builder("alertmanager.notifications.failed").description("The total number of failed notifications.")
        .tag("integration", integration).register(registry);
  }

  private Timer latency(String integration) {
    return Timer.builder("alertmanager.notification.latency").description("The latency of notifications in seconds.")
        .tag("integration", integration)
        .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(20))
        .register(registry);
  }

  /**
   * One request of a delivery ({@code alertmanager_notification_requests_total}, latency).
   *
   * @param integration the integration type, e.g. {@code webhook}
   * @param took how long it took
   * @param ok whether it succeeded
   */
  public void attempt(String integration, Duration took, boolean ok) {
    requests(integration).increment();
    latency(integration).record(took);
    if (!ok) {
      requestsFailed(integration).increment();
    }
  }

  /**
   * One delivery, retries included ({@code alertmanager_notifications_total} and
   * {@code _failed_total}, as Alertmanager counts them).
   *
   * @param integration the integration type
   * @param ok whether it was delivered in the end
   */
  public void delivery(String integration, boolean ok) {
    attempts(integration).increment();
    if (!ok) {
      failures(integration).increment();
    }
  }

  /** Notifications delivered by this node (one per integration and flush). */
  public final AtomicLong notificationsSent = new AtomicLong();
  /** Deliveries that failed even after retries until the flush deadline. */
  public final AtomicLong notificationsFailed = new AtomicLong();
  /** Flushes that found the notification log already up to date (another replica sent). */
  public final AtomicLong deduplicated = new AtomicLong();
  /** Alerts left out of a flush because a silence muted them. */
  public final AtomicLong silencedAlerts = new AtomicLong();
  /** Alerts left out of a flush because an inhibit rule muted them. */
  public final AtomicLong inhibitedAlerts = new AtomicLong();
  /** Flushes abandoned because the peer did not become ready before the deadline. */
  public final AtomicLong unsettledFlushes = new AtomicLong();
  /** Flushes of a replica behind position 0 put off to the next tick: an alert resolved during its wait. */
  public final AtomicLong deferredFlushes = new AtomicLong();
  /** Flushes run. */
  public final AtomicLong flushes = new AtomicLong();
}
