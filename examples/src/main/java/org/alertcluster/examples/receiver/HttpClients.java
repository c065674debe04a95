package org.alertcluster.examples.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.alertcluster.examples.config.HttpClientConfig;

/**
 * Builds the JDK HTTP client for an {@code http_config} and the {@code Authorization} header of each
 * request (credentials files are read at each request, as Prometheus' client reads them).
 */
public final class HttpClients {

  private HttpClients() {}

  /**
   * {@link #build(HttpClientConfig)} with the client's selector thread in {@code threads}, so that
   * {@link #stop(ThreadGroup)} can end it. The JDK's client (Java 17) has no close: its selector
   * thread waits in {@code epoll_wait} until the client is garbage-collected, and the JVM's exit
   * waits ~300 ms for any thread still in native code, so a stopped replica lingered that long after
   * SIGTERM. The selector thread is started by the client's constructor in the group of the thread
   * that builds the client, hence the build on a short-lived thread of {@code threads}.
   *
   * @param c the settings
   * @param threads the group the client's selector thread joins
   * @return the client
   * @throws IllegalArgumentException naming the file at fault when a certificate or key cannot be used
   */
  public static HttpClient build(HttpClientConfig c, ThreadGroup threads) {
    HttpClient[] built = new HttpClient[1];
    RuntimeException[] failed = new RuntimeException[1];
    Thread t = new Thread(threads, () -> {
      try {
        built[0] = build(c);
      } catch (RuntimeException e) {
        failed[0] = e;
      }
    }, threads.getName() + "-build");
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the HTTP client", e);
    }
    if (failed[0] != null) {
      throw failed[0];
    }
    return built[0];
  }

  /**
   * The client for {@code c}, built by {@link #build(HttpClientConfig, ThreadGroup)} when first asked
   * for, at a webhook's first notification. Why: the JDK's client constructor loads the default
   * {@link SSLContext} even for plain {@code http://} webhooks (the security providers and the
   * {@code cacerts} trust store: about 600 classes and ~5 MB resident), which a replica that has not
   * notified yet does not need. Settings with their own TLS files are built at once, so that a
   * certificate or key that cannot be used still fails the start or the reload, naming the file.
   *
   * @param c the settings
   * @param threads the group the client's selector thread joins
   * @return the client, built once (thread-safe)
   * @throws IllegalArgumentException naming the file at fault when a certificate or key cannot be used
   */
  public static Supplier<HttpClient> onFirstUse(HttpClientConfig c, ThreadGroup threads) {
    if (!c.tls().equals(HttpClientConfig.Tls.DEFAULT)) {
      HttpClient client = build(c, threads);
      return () -> client;
    }
    return new Supplier<>() {
      private HttpClient client;

      @Override
      public synchronized HttpClient get() {
        if (client == null) {
          client = build(c, threads);
        }
        return client;
      }
    };
  }

  /**
   * Stops the selector threads of the clients built in {@code threads}: an interrupted selector
   * thread ends its loop and stops its client (the JDK's own shutdown path for the client). Requests
   * still in flight fail; call it after the dispatcher stopped sending.
   *
   * @param threads the group passed to {@link #build(HttpClientConfig, ThreadGroup)}
   */
  public static void stop(ThreadGroup threads) {
    threads.interrupt();
  }

  /**
   * A client for the TLS, proxy and redirect settings.
   *
   * @param c the settings
   * @return the client
   * @throws IllegalArgumentException naming the file at fault when a certificate or key cannot be used
   */
  public static HttpClient build(HttpClientConfig c) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(c.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
    c.proxyUrl().ifPresent(p -> b.proxy(ProxySelector.of(
        new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort()))));
    HttpClientConfig.Tls tls = c.tls();
    if (!tls.equals(HttpClientConfig.Tls.DEFAULT)) {
      try {
        b.sslContext(sslContext(tls));
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalArgumentException("tls_config: " + e.getMessage(), e);
      }
      if (tls.minVersion() != null) {
        SSLParameters p = new SSLParameters();
        p.setProtocols(switch (tls.minVersion()) {
          case "TLS13" -> new String[] {"TLSv1.3"};
          case "TLS12" -> new String[] {"TLSv1.3", "TLSv1.2"};
          case "TLS11" -> new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1"};
          default -> new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"};
        });
        b.sslParameters(p);
      }
    }
    return b.build();
  }

  /**
   * The {@code Authorization} header value, if any.
   *
   * @param c the settings
   * @return the header value
   * @throws IOException if a credentials or password file cannot be read
   */
  public static Optional<String> authorization(HttpClientConfig c) throws IOException {
    if (c.authorization().isPresent()) {
      HttpClientConfig.Authorization a = c.authorization().get();
      String cred = a.credentialsFile() != null ? read(a.credentialsFile()) : a.credentials();
      return Optional.of(a.type() + " " + (cred == null ? "" : cred));
    }
    if (c.basicAuth().isPresent()) {
      HttpClientConfig.BasicAuth ba = c.basicAuth().get();
      String pw = ba.passwordFile() != null ? read(ba.passwordFile()) : ba.password();
      String pair = ba.username() + ":" + (pw == null ? "" : pw);
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8).trim();
  }

  private static SSLContext sslContext(HttpClientConfig.Tls tls) throws GeneralSecurityException, IOException {
    TrustManager[] trust = null;
    if (tls.insecureSkipVerify()) {
      trust = new TrustManager[] {new TrustAll()};
    } else if (tls.caFile() != null) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate cert : certificates(tls.caFile())) {
        ks.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new GeneralSecurityException("ca_file " + tls.caFile() + " holds no PEM certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      trust = tmf.getTrustManagers();
    }
    KeyManagerFactory kmf = null;
    if (tls.certFile() != null) {
      Collection<? extends Certificate> chain = certificates(tls.certFile());
      PrivateKey key = privateKey(tls.keyFile());
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setKeyEntry("client", key, new char[0], chain.toArray(Certificate[]::new));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
    return ctx;
  }

  private static Collection<? extends Certificate> certificates(Path file) throws GeneralSecurityException, IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(file + ": not PEM certificates: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws GeneralSecurityException, IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new GeneralSecurityException("key_file " + file + ": only unencrypted PKCS#8 PEM keys (BEGIN PRIVATE KEY)"
          + " are supported; convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
    }
    String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
        .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("key_file " + file + ": not an RSA, EC or Ed25519 key");
  }

  /** {@code insecure_skip_verify}: no chain and no host name check (an extended manager skips both). */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}
    @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}
    @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}
    @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}
    @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
    @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
