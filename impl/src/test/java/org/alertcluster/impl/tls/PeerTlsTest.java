package org.alertcluster.impl.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.alertcluster.api.TlsConfig;
import org.jgroups.protocols.TCP;
import org.jgroups.util.SocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS setup on JGroups' own socket factory, without a cluster around it. */
class PeerTlsTest {

  @TempDir
  Path dir;

  @Test
  void jgroupsServerSocketPresentsTheRotatedCertificateToNewConnections() throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.Ca ca = pki.ca("ca");
    TestPki.PeerFiles f = pki.issue(ca, "srv", TestPki.spec().cn("gen1"));
    TlsConfig config = TlsConfig.builder().certificateFile(f.cert().toString())
        .keyFile(f.key().toString()).caFile(f.ca().toString()).build();
    TCP tcp = new TCP();
    PeerTls.create(config, List.of()).applyTo(tcp);
    SocketFactory factory = tcp.tls().createSocketFactory();
    ExecutorService acceptor = Executors.newSingleThreadExecutor();
    try (ServerSocket server = factory.createServerSocket("test", 0, 50,
        InetAddress.getLoopbackAddress())) {
      acceptor.submit(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            s.setSoTimeout(2000);
            s.getInputStream().read();
          } catch (Exception e) {
            // next
          }
        }
        return null;
      });
      TestPki.PeerFiles client = pki.issue(ca, "client", TestPki.spec().cn("client"));
      assertThat(subject(server.getLocalPort(), client)).isEqualTo("CN=gen1");
      pki.issue(ca, "srv", TestPki.spec().cn("gen2"));
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(subject(server.getLocalPort(), client))
              .isEqualTo("CN=gen2"));
    } finally {
      acceptor.shutdownNow();
    }
  }

  private static String subject(int port, TestPki.PeerFiles client) throws Exception {
    RawTls.Outcome o = RawTls.connect(port, RawTls.client(client));
    assertThat(o.serverCertificate()).as(o.detail()).isNotNull();
    return o.serverCertificate().getSubjectX500Principal().getName();
  }
}
