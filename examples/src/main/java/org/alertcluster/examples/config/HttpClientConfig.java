package org.alertcluster.examples.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook's {@code http_config} (or {@code global.http_config}, its default), as Prometheus'
 * common {@code HTTPClientConfig}. Secrets ({@code credentials}, {@code password}) are read from the
 * file when given as {@code *_file}, at each request, as Alertmanager does, so rotating a token file
 * needs no reload.
 *
 * @param authorization the {@code Authorization} header, or empty
 * @param basicAuth basic authentication, or empty
 * @param tls TLS settings
 * @param proxyUrl {@code proxy_url}, or empty
 * @param followRedirects {@code follow_redirects} (default true)
 */
public record HttpClientConfig(Optional<Authorization> authorization, Optional<BasicAuth> basicAuth,
    Tls tls, Optional<java.net.URI> proxyUrl, boolean followRedirects) {

  /** No authentication, system trust store, redirects followed. */
  public static final HttpClientConfig DEFAULT = new HttpClientConfig(Optional.empty(), Optional.empty(),
      Tls.DEFAULT, Optional.empty(), true);

  /** Rejects nulls. */
  public HttpClientConfig {
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(basicAuth, "basicAuth");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(proxyUrl, "proxyUrl");
  }

  /**
   * {@code authorization} ({@code type} default {@code Bearer}; also the older {@code bearer_token}
   * and {@code bearer_token_file}).
   *
   * @param type the scheme
   * @param credentials the credentials, or null when read from {@code credentialsFile}
   * @param credentialsFile the file holding the credentials, or null
   */
  public record Authorization(String type, String credentials, Path credentialsFile) {}

  /**
   * {@code basic_auth}.
   *
   * @param username the user
   * @param password the password, or null when read from {@code passwordFile} (or none)
   * @param passwordFile the file holding the password, or null
   */
  public record BasicAuth(String username, String password, Path passwordFile) {}

  /**
   * {@code tls_config}.
   *
   * @param caFile PEM CA certificates to trust instead of the system's, or null
   * @param certFile PEM client certificate, or null
   * @param keyFile PEM PKCS#8 client key, or null
   * @param insecureSkipVerify accept any server certificate and name
   * @param minVersion {@code TLS12} style minimum version, or null
   */
  public record Tls(Path caFile, Path certFile, Path keyFile, boolean insecureSkipVerify, String minVersion) {
    /** The JDK's defaults. */
    public static final Tls DEFAULT = new Tls(null, null, null, false, null);
  }
}
