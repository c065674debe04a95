package org.alertcluster.examples.config;

import java.util.List;
import java.util.Objects;

/**
 * One {@code receivers} entry. A receiver without integrations logs its notifications (the log
 * receiver), so that a configuration without any endpoint still shows what would be sent.
 *
 * @param name the receiver's name, referenced by routes
 * @param webhooks its webhook integrations
 */
public record ReceiverConfig(String name, List<WebhookConfig> webhooks) {

  /** Copies the list. */
  public ReceiverConfig {
    Objects.requireNonNull(name, "name");
    webhooks = List.copyOf(webhooks);
  }
}
