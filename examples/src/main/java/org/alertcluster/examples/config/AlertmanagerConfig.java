package org.alertcluster.examples.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of {@code alertmanager.yml} this host implements: {@code global.resolve_timeout} and
 * {@code global.http_config}, the routing tree, {@code inhibit_rules} and the {@code receivers} with
 * their {@code webhook_configs}. Everything else in the file is refused when it is read, never
 * ignored.
 *
 * @param route the root of the routing tree
 * @param receivers the receivers
 * @param inhibitRules the inhibition rules
 * @param resolveTimeout how long an alert without {@code endsAt} stays firing (default 5 m)
 * @param original the file's text with secrets shown as {@code <secret>}, for {@code /api/v2/status}
 * @param hash a hash of the file's exact bytes ({@code alertmanager_config_hash})
 * @param warnings remarks for the log (nothing in the file is ignored; these are hints)
 */
public record AlertmanagerConfig(RouteConfig route, List<ReceiverConfig> receivers,
    List<InhibitRule> inhibitRules, Duration resolveTimeout, String original, double hash,
    List<String> warnings) {

  /** Copies the lists. */
  public AlertmanagerConfig {
    Objects.requireNonNull(route, "route");
    receivers = List.copyOf(receivers);
    inhibitRules = List.copyOf(inhibitRules);
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

  /** @return the receiver the root route sends to (validated to exist) */
  public ReceiverConfig routeReceiver() {
    return receiver(route.receiver()).orElseThrow();
  }
}
