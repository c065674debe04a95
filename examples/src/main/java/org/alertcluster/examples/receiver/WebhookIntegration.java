package org.alertcluster.examples.receiver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.alertcluster.examples.nflog.ReceiverKey;

/**
 * The webhook receiver: POSTs Alertmanager's webhook JSON (version 4) to a URL. A non-2xx answer, a
 * connection failure or a timeout is a failure the pipeline retries until the flush deadline.
 */
public final class WebhookIntegration implements Integration {

  private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private final ReceiverKey key;
  private final URI url;
  private final boolean sendResolved;
  private final Supplier<HttpClient> client;
  private final java.util.function.Supplier<String> externalUrl;
  private final org.alertcluster.examples.config.HttpClientConfig http;
  private final int maxAlerts;

  /**
   * @param key the receiver name, {@code webhook} and the index within the receiver
   * @param url where to POST
   * @param sendResolved whether to send resolved alerts
   * @param client the shared HTTP client
   * @param externalUrl this node's external URL, sent as {@code externalURL} (asked at each send:
   *     the API port may be chosen by the OS after the pipeline is built)
   */
  public WebhookIntegration(ReceiverKey key, URI url, boolean sendResolved, HttpClient client,
      java.util.function.Supplier<String> externalUrl) {
    this(key, url, sendResolved, client, externalUrl, org.alertcluster.examples.config.HttpClientConfig.DEFAULT, 0);
  }

  /**
   * @param key the receiver name, {@code webhook} and the index within the receiver
   * @param url where to POST
   * @param sendResolved whether to send resolved alerts
   * @param client the HTTP client built for {@code http} ({@link HttpClients#build})
   * @param externalUrl this node's external URL, sent as {@code externalURL}
   * @param http the {@code http_config}: its {@code Authorization} header is set on every request
   * @param maxAlerts {@code max_alerts}, 0 = no limit
   */
  public WebhookIntegration(ReceiverKey key, URI url, boolean sendResolved, HttpClient client,
      java.util.function.Supplier<String> externalUrl, org.alertcluster.examples.config.HttpClientConfig http,
      int maxAlerts) {
    this(key, url, sendResolved, fixed(Objects.requireNonNull(client, "client")), externalUrl, http, maxAlerts);
  }

  /**
   * @param key the receiver name, {@code webhook} and the index within the receiver
   * @param url where to POST
   * @param sendResolved whether to send resolved alerts
   * @param client the HTTP client for {@code http}, asked for at each send
   *     ({@link HttpClients#onFirstUse}: built at the first notification)
   * @param externalUrl this node's external URL, sent as {@code externalURL}
   * @param http the {@code http_config}: its {@code Authorization} header is set on every request
   * @param maxAlerts {@code max_alerts}, 0 = no limit
   */
  public WebhookIntegration(ReceiverKey key, URI url, boolean sendResolved, Supplier<HttpClient> client,
      Supplier<String> externalUrl, org.alertcluster.examples.config.HttpClientConfig http, int maxAlerts) {
    this.http = Objects.requireNonNull(http, "http");
    this.maxAlerts = maxAlerts;
    this.key = Objects.requireNonNull(key, "key");
    this.url = Objects.requireNonNull(url, "url");
    this.sendResolved = sendResolved;
    this.client = Objects.requireNonNull(client, "client");
    this.externalUrl = Objects.requireNonNull(externalUrl, "externalUrl");
  }

  @Override
  public ReceiverKey key() {
    return key;
  }

  @Override
  public boolean sendResolved() {
    return sendResolved;
  }

  @Override
  public void send(Notification n, Instant deadline) throws IOException, InterruptedException {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new IOException("flush deadline passed before sending to " + url);
    }
    int truncated = 0;
    if (maxAlerts > 0 && n.alerts().size() > maxAlerts) {
      truncated = n.alerts().size() - maxAlerts;
      n = n.withAlerts(n.alerts().subList(0, maxAlerts));
    }
    HttpRequest.Builder rb = HttpRequest.newBuilder(url);
    HttpClients.authorization(http).ifPresent(v -> rb.header("Authorization", v));
    HttpRequest req = rb
        .timeout(left.compareTo(MAX_REQUEST_TIMEOUT) < 0 ? left : MAX_REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("User-Agent", "alertcluster-examples")
        .POST(HttpRequest.BodyPublishers.ofString(WebhookPayload.toJson(n, externalUrl.get(), truncated), StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> resp = client.get().send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 != 2) {
      String body = resp.body() == null ? "" : resp.body();
      throw new IOException("webhook " + url + " answered " + resp.statusCode()
          + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }
  }

  private static Supplier<HttpClient> fixed(HttpClient client) {
    return () -> client;
  }

  @Override
  public String toString() {
    return key + " -> " + url;
  }
}
