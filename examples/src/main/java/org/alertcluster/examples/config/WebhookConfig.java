package org.alertcluster.examples.config;

import java.net.URI;
import java.util.Objects;

/**
 * One {@code webhook_configs} entry.
 *
 * @param url where to POST
 * @param sendResolved whether resolved alerts are sent too (Alertmanager's default: true)
 * @param maxAlerts at most this many alerts per message, 0 = all ({@code max_alerts}); the rest are
 *     counted in {@code truncatedAlerts}
 * @param http the {@code http_config} (or {@code global.http_config} when the webhook has none)
 */
public record WebhookConfig(URI url, boolean sendResolved, int maxAlerts, HttpClientConfig http) {

  /** Rejects nulls. */
  public WebhookConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(http, "http");
  }

  /**
   * A webhook with default HTTP settings.
   *
   * @param url where to POST
   * @param sendResolved whether resolved alerts are sent too
   */
  public WebhookConfig(URI url, boolean sendResolved) {
    this(url, sendResolved, 0, HttpClientConfig.DEFAULT);
  }
}
