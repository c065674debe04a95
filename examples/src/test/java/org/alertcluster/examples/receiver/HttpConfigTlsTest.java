package org.alertcluster.examples.receiver;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.alertcluster.examples.config.AlertmanagerConfig;
import org.alertcluster.examples.config.ConfigLoader;
import org.alertcluster.examples.config.WebhookConfig;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook's {@code http_config} as Alertmanager applies it (it was ignored): {@code tls_config.ca_file}
 * makes a private CA trusted, {@code insecure_skip_verify} accepts any certificate, the system trust
 * store alone refuses a self-signed one, and {@code basic_auth} with {@code password_file} sends the
 * file's password. The certificate is made with the JDK's keytool at test time.
 */
class HttpConfigTlsTest {

  @TempDir
  Path dir;
  private HttpsServer server;
  private final List<String> auth = new CopyOnWriteArrayList<>();
  private Path caPem;

  private void keytool(String... args) throws Exception {
    Path bin = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = new java.util.ArrayList<>(List.of(bin.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
    try {
      assertThat(p.waitFor(60, SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @BeforeEach
  void httpsServer() throws Exception {
    Path ks = dir.resolve("server.p12");
    keytool("-genkeypair", "-alias", "s", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit");
    caPem = dir.resolve("ca.pem");
    keytool("-exportcert", "-rfc", "-alias", "s", "-keystore", ks.toString(), "-storepass", "changeit",
        "-file", caPem.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(ks.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    server.createContext("/hook", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        ex.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private WebhookIntegration webhook(String httpConfig) throws Exception {
    String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    AlertmanagerConfig c = ConfigLoader.parse("route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs:\n"
        + "      - url: " + url + "\n" + (httpConfig.isEmpty() ? "" : "        http_config: " + httpConfig + "\n"));
    WebhookConfig w = c.routeReceiver().webhooks().get(0);
    HttpClient client = HttpClients.build(w.http());
    return new WebhookIntegration(new ReceiverKey("r", "webhook", 0), w.url(), true, client, () -> "http://am",
        w.http(), 0);
  }

  private static Notification notification() {
    Instant now = Instant.now();
    Alert a = new Alert(Map.of("alertname", "T"), Map.of(), now, now.plusSeconds(300), "", now);
    return new Notification("{}:{}", "r", Map.of(), List.of(a), now);
  }

  @Test
  void caFileTrustsAPrivateCaAndBasicAuthReadsThePasswordFile() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "hunter2\n");
    webhook("{tls_config: {ca_file: " + caPem + "}, basic_auth: {username: am, password_file: " + pw + "}}")
        .send(notification(), Instant.now().plusSeconds(10));
    assertThat(auth).containsExactly("Basic " + java.util.Base64.getEncoder().encodeToString("am:hunter2".getBytes()));
  }

  @Test
  void insecureSkipVerifyAcceptsAnyCertificate() throws Exception {
    webhook("{tls_config: {insecure_skip_verify: true}}").send(notification(), Instant.now().plusSeconds(10));
    assertThat(auth).hasSize(1);
  }

  @Test
  void withoutTheCaTheSelfSignedServerIsRefused() throws Exception {
    WebhookIntegration w = webhook("");
    assertThatThrownBy(() -> w.send(notification(), Instant.now().plusSeconds(10)))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    assertThat(auth).isEmpty();
  }
}
