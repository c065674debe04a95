package org.alertcluster.examples.config;

import java.net.URI;
import java.util.Objects;

/**
 * One {@code webhook_configs} entry.
 *
 * @param url where to POST
 * @param sendResolved whether resolved alerts are sent too (Alertmanager's default: true)
 */
public record WebhookConfig(URI url, boolean sendResolved) {

  /** Rejects a null URL. */
  public WebhookConfig {
    Objects.requireNonNull(url, "url");
  }
}
