package org.alertcluster.examples.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The subset of {@code alertmanager.yml} this host understands: {@code global.resolve_timeout}, the
 * top-level {@code route} and the {@code receivers} with their {@code webhook_configs}.
 *
 * @param route the route
 * @param receivers the receivers
 * @param resolveTimeout how long an alert without {@code endsAt} stays firing (default 5 m)
 * @param original the file's text, shown by {@code /api/v2/status}
 * @param warnings what was ignored, for the log
 */
public record AlertmanagerConfig(RouteConfig route, List<ReceiverConfig> receivers,
    Duration resolveTimeout, String original, List<String> warnings) {

  /** Copies the lists. */
  public AlertmanagerConfig {
    Objects.requireNonNull(route, "route");
    receivers = List.copyOf(receivers);
    Objects.requireNonNull(resolveTimeout, "resolveTimeout");
    Objects.requireNonNull(original, "original");
    warnings = List.copyOf(warnings);
  }

  /**
   * A receiver by name.
   *
   * @param name the name
   * @return the receiver
   */
  public Optional<ReceiverConfig> receiver(String name) {
    return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** @return the receiver the route sends to (validated to exist) */
  public ReceiverConfig routeReceiver() {
    return receiver(route.receiver()).orElseThrow();
  }
}
