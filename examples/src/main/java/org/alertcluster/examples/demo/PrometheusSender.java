package org.alertcluster.examples.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends alerts the way Prometheus' notifier does: every alert to every configured replica, re-sent
 * every {@link #RESEND_DELAY} while it fires with {@code startsAt} unchanged and {@code endsAt = now +
 * 4 × resend delay}; once resolved, sent with {@code endsAt} = the resolve time (and re-sent so, as
 * Prometheus does for a while). A replica that does not answer (killed) is counted as a failed send
 * and kept as a target, as Prometheus keeps a configured Alertmanager.
 */
final class PrometheusSender implements AutoCloseable {

  /** Prometheus' {@code --rules.alert.resend-delay}, shortened for the demo (default 1 m). */
  static final Duration RESEND_DELAY = Duration.ofSeconds(1);
  /** How far ahead each send puts {@code endsAt}: Prometheus' 4 × max(resend delay, eval interval). */
  static final Duration HORIZON = RESEND_DELAY.multipliedBy(4);

  private record Active(Instant startsAt, Instant resolvedAt) {}

  private final List<String> targets;
  private final Map<String, Active> alerts = new LinkedHashMap<>();
  private final ScheduledExecutorService timer;
  private final AtomicLong sends = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** @param targets the replicas' API base URLs */
  PrometheusSender(List<String> targets) {
    this.targets = List.copyOf(targets);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-prometheus-sender");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::sendAll, RESEND_DELAY.toMillis(), RESEND_DELAY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Starts firing alerts (two instances each) and sends them at once. */
  void fire(List<String> alertnames) {
    synchronized (this) {
      Instant now = Instant.now();
      alertnames.forEach(a -> alerts.putIfAbsent(a, new Active(now, null)));
    }
    timer.execute(this::sendAll);
  }

  /** Marks an alert resolved now and sends it at once. */
  void resolve(String alertname) {
    synchronized (this) {
      alerts.computeIfPresent(alertname, (k, v) -> new Active(v.startsAt(), Instant.now()));
    }
    timer.execute(this::sendAll);
  }

  /** @return sends to a replica, and how many of them failed */
  long sends() {
    return sends.get();
  }

  long failedSends() {
    return failed.get();
  }

  private void sendAll() {
    String body;
    synchronized (this) {
      if (alerts.isEmpty()) {
        return;
      }
      body = batch(Instant.now());
    }
    for (String target : targets) {
      sends.incrementAndGet();
      try {
        DemoHttp.postJson(target + "/api/v2/alerts", body);
      } catch (java.io.IOException e) {
        failed.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String batch(Instant now) {
    List<String> out = new ArrayList<>();
    alerts.forEach((name, a) -> {
      Instant endsAt = a.resolvedAt() != null ? a.resolvedAt() : now.plus(HORIZON);
      for (String instance : List.of("web-1", "web-2")) {
        out.add("{\"labels\":{\"alertname\":\"" + name + "\",\"instance\":\"" + instance
            + "\"},\"annotations\":{\"summary\":\"" + name + " on " + instance + "\"},\"startsAt\":\""
            + a.startsAt() + "\",\"endsAt\":\"" + endsAt
            + "\",\"generatorURL\":\"http://prometheus.example/graph\"}");
      }
    });
    return "[" + String.join(",", out) + "]";
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
