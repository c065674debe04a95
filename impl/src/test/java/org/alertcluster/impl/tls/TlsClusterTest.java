package org.alertcluster.impl.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.api.Peers;
import org.alertcluster.impl.LogCapture;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS between real peers on 127.0.0.1, with certificates made by the test: who gets in, who
 * does not, what a refused peer sees in the log, floods, and rotation.
 */
class TlsClusterTest {

  @TempDir
  Path dir;

  private final String cluster = "tls-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Peer> peers = new ArrayList<>();
  private TestPki pki;
  private TestPki.Ca ca;

  /** A started peer and its replicated test state. */
  record Node(Peer peer, LwwMapState state, Channel channel) {
    int port() {
      String a = peer.self().address();
      return Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
    }

    void put(String id) {
      channel.broadcast(state.put(id, "v"));
    }

    boolean has(String id) {
      return state.get(id).isPresent();
    }
  }

  @BeforeEach
  void pki() throws Exception {
    pki = new TestPki(dir);
    ca = pki.ca("cluster-ca");
  }

  @AfterEach
  void close() {
    for (Peer p : peers) {
      p.leave(Duration.ofSeconds(2));
    }
  }

  private ClusterConfig.Builder config() {
    return ClusterConfig.builder()
        .clusterName(cluster)
        .bindAddress("127.0.0.1:0")
        .settleInterval(Duration.ofMillis(100))
        .settleStablePolls(2)
        .settleTimeout(Duration.ofSeconds(15))
        .joinTimeout(Duration.ofMillis(500))
        .probeInterval(Duration.ofMillis(200))
        .probeTimeout(Duration.ofMillis(300))
        .failureDetectionTimeout(Duration.ofMillis(4000))
        .reconnectInterval(Duration.ofMillis(1000))
        .pushPullInterval(Duration.ofMinutes(5))
        .tcpTimeout(Duration.ofSeconds(3))
        .resolveTimeout(Duration.ofSeconds(2));
  }

  private static TlsConfig.Builder tls(TestPki.PeerFiles f) {
    return TlsConfig.builder().certificateFile(f.cert().toString()).keyFile(f.key().toString())
        .caFile(f.ca().toString());
  }

  private Node start(ClusterConfig c) {
    Peer p = Peers.create(c);
    peers.add(p);
    LwwMapState s = new LwwMapState("sil");
    return new Node(p, s, p.addState(s));
  }

  private Node startTls(String name, List<String> known) throws Exception {
    TestPki.PeerFiles f = pki.issue(ca, name, TestPki.spec().cn(name));
    return start(config().knownPeers(known).tls(tls(f).build()).build());
  }

  private static List<String> at(Node... nodes) {
    List<String> list = new ArrayList<>();
    for (Node n : nodes) {
      list.add(n.peer().self().address());
    }
    return list;
  }

  private static void awaitSize(int size, Node... nodes) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (Node n : nodes) {
        assertThat(n.peer().clusterSize()).as(n.peer().name()).isEqualTo(size);
      }
    });
  }

  @Test
  void threeMutualTlsPeersFormAClusterAndReplicate() throws Exception {
    Node a = startTls("a", List.of());
    Node b = startTls("b", at(a));
    Node c = startTls("c", at(a));
    awaitSize(3, a, b, c);

    a.put("from-a");
    b.put("from-b");
    c.put("from-c");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (Node n : List.of(a, b, c)) {
        assertThat(n.state().entries()).containsOnlyKeys("from-a", "from-b", "from-c");
      }
    });
  }

  /** A stranger that keeps trying: it must stay alone, and nothing crosses in either direction. */
  private void assertShutOut(Node a, Node b, Node stranger) {
    awaitSize(2, a, b);
    stranger.put("injected");
    a.put("secret-silence");
    await().atMost(Duration.ofSeconds(10)).until(() -> b.has("secret-silence"));
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(a.peer().clusterSize()).isEqualTo(2);
      assertThat(b.peer().clusterSize()).isEqualTo(2);
      assertThat(stranger.peer().clusterSize()).isEqualTo(1);
      assertThat(a.has("injected")).isFalse();
      assertThat(b.has("injected")).isFalse();
      assertThat(stranger.has("secret-silence")).isFalse();
    });
  }

  @Test
  void plaintextPeerWithTheSameClusterNameCannotJoinInjectOrReceive() throws Exception {
    Node a = startTls("a", List.of());
    Node b = startTls("b", at(a));
    Node stranger = start(config().knownPeers(at(a, b)).build());
    assertShutOut(a, b, stranger);
  }

  @Test
  void peerWithACertificateFromAnotherCaCannotJoinInjectOrReceive() throws Exception {
    Node a = startTls("a", List.of());
    Node b = startTls("b", at(a));
    TestPki.Ca other = pki.ca("other-ca");
    TestPki.PeerFiles foreign = pki.issue(other, "mallory", TestPki.spec().cn("mallory"));
    // It even trusts the cluster's CA: only its own certificate gives it away.
    TlsConfig t = tls(foreign).caFile(dir.resolve("a-ca.crt").toString()).build();
    try (LogCapture log = new LogCapture()) {
      Node stranger = start(config().knownPeers(at(a, b)).tls(t).build());
      assertShutOut(a, b, stranger);
      assertThat(log.text()).contains("TLS: refused connecting peer 127.0.0.1 (CN=mallory)");
    }
  }

  @Test
  void expiredClientCertificateIsRefusedWithAClearLogLine() throws Exception {
    Node a = startTls("a", List.of());
    TestPki.PeerFiles expired = pki.issue(ca, "expired", TestPki.spec().cn("expired")
        .validity(Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1))));
    TestPki.PeerFiles valid = pki.issue(ca, "valid", TestPki.spec().cn("valid"));
    try (LogCapture log = new LogCapture()) {
      RawTls.Outcome good = RawTls.connect(a.port(), RawTls.client(valid));
      assertThat(good.refusedByServer()).as(good.detail()).isFalse();
      RawTls.Outcome bad = RawTls.connect(a.port(), RawTls.client(expired));
      assertThat(bad.refusedByServer()).as(bad.detail()).isTrue();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.text())
          .containsPattern("TLS: refused connecting peer 127\\.0\\.0\\.1 \\(CN=expired\\): .*"
              + "(NotAfter|expired|validity)"));
    }
    assertThat(a.peer().clusterSize()).isEqualTo(1);
  }

  @Test
  void certificateWithoutClientAuthUsageIsRefusedWithAClearLogLine() throws Exception {
    Node a = startTls("a", List.of());
    TestPki.PeerFiles serverOnly = pki.issue(ca, "server-only",
        TestPki.spec().cn("server-only").serverAuthOnly());
    try (LogCapture log = new LogCapture()) {
      RawTls.Outcome bad = RawTls.connect(a.port(), RawTls.client(serverOnly));
      assertThat(bad.refusedByServer()).as(bad.detail()).isTrue();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.text())
          .containsPattern("TLS: refused connecting peer 127\\.0\\.0\\.1 \\(CN=server-only\\): "
              + ".*[Ee]xtended key usage"));
    }
    // And a real peer with such a certificate does not get in either.
    Node b = start(config().knownPeers(at(a)).tls(tls(serverOnly).build()).build());
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
        .until(() -> a.peer().clusterSize() == 1 && b.peer().clusterSize() == 1);
  }

  @Test
  void certificatesWithoutIpSansWorkWithAFixedServerName() throws Exception {
    List<Node> nodes = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      TestPki.PeerFiles f = pki.issue(ca, name,
          TestPki.spec().cn(name).dns("alertmanager.monitoring.svc").ips());
      nodes.add(start(config().knownPeers(nodes.isEmpty() ? List.of() : at(nodes.get(0)))
          .tls(tls(f).serverName("alertmanager.monitoring.svc").build()).build()));
    }
    awaitSize(3, nodes.toArray(new Node[0]));
  }

  @Test
  void certificatesWithoutIpSansWorkWhenKnownPeersAreGivenByHostName() throws Exception {
    TestPki.PeerFiles fa = pki.issue(ca, "a", TestPki.spec().cn("a").dns("localhost").ips());
    TestPki.PeerFiles fb = pki.issue(ca, "b", TestPki.spec().cn("b").dns("localhost").ips());
    // As every replica of a StatefulSet would be configured: the same list, by name.
    List<String> byName = List.of("localhost:" + FreePorts.next(), "localhost:" + FreePorts.next());
    try (LogCapture log = new LogCapture()) {
      Node a = start(config().bindAddress("127.0.0.1:" + byName.get(0).split(":")[1])
          .knownPeers(byName).tls(tls(fa).build()).build());
      Node b = start(config().bindAddress("127.0.0.1:" + byName.get(1).split(":")[1])
          .knownPeers(byName).tls(tls(fb).build()).build());
      awaitSize(2, a, b);
      a.put("x");
      await().atMost(Duration.ofSeconds(10)).until(() -> b.has("x"));
      assertThat(log.text()).doesNotContain("TLS: refused");
    }
  }


  @Test
  void serverCertificateWithTheWrongNameIsRefused() throws Exception {
    TestPki.PeerFiles fa = pki.issue(ca, "a", TestPki.spec().cn("a").dns("other.example").ips());
    TestPki.PeerFiles fb = pki.issue(ca, "b", TestPki.spec().cn("b").dns("other.example").ips());
    Node a = start(config().tls(tls(fa).build()).build());
    try (LogCapture log = new LogCapture()) {
      Node b = start(config().knownPeers(at(a)).tls(tls(fb).build()).build());
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.text())
          .contains("TLS: refused dialled peer 127.0.0.1 (CN=a)")
          .contains("carries none of the expected names [127.0.0.1]")
          .contains("set serverName"));
      assertThat(b.peer().clusterSize()).isEqualTo(1);
      assertThat(a.peer().clusterSize()).isEqualTo(1);
    }
  }

  @Test
  void garbageAndClientHelloFloodsOnClusterAndFailureDetectionPortsChangeNothing()
      throws Exception {
    Node a = startTls("a", List.of());
    Node b = startTls("b", at(a));
    awaitSize(2, a, b);
    int clusterPort = a.port();
    int fdPort = clusterPort + 100; // FD_SOCK2's offset (StackBuilder)
    SSLContext noCert = RawTls.client(null);
    SecureRandom random = new SecureRandom();
    ExecutorService flood = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(flood.submit(() -> {
          for (int i = 0; i < 40; i++) {
            int port = (i % 2 == 0) ? clusterPort : fdPort;
            if (thread % 2 == 0) {
              byte[] garbage = new byte[1 + random.nextInt(4096)];
              random.nextBytes(garbage);
              RawTls.sendRaw(port, garbage);
            } else {
              RawTls.clientHello(port, noCert);
            }
          }
        }));
      }
      // While the flood runs, the cluster keeps replicating.
      for (int i = 0; i < 20; i++) {
        a.put("during-" + i);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> b.has("during-19"));
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      flood.shutdownNow();
    }
    b.put("after");
    await().atMost(Duration.ofSeconds(10)).until(() -> a.has("after"));
    assertThat(a.state().size()).isEqualTo(21);
    assertThat(b.state().size()).isEqualTo(21);
    // Still accepting real peers.
    Node c = startTls("c", at(a));
    awaitSize(3, a, b, c);
    await().atMost(Duration.ofSeconds(10)).until(() -> c.state().size() == 21);
  }

  @Test
  void rotatedFilesAreUsedByNewConnectionsWithoutRestart() throws Exception {
    TestPki.PeerFiles first = pki.issue(ca, "a", TestPki.spec().cn("a-gen1"));
    Node a = start(config().tls(tls(first).build()).build());
    TestPki.PeerFiles clientFiles = pki.issue(ca, "client", TestPki.spec().cn("client"));
    // A fresh client context per connection: a reused one would resume the old TLS session.
    assertThat(RawTls.connect(a.port(), RawTls.client(clientFiles)).serverCertificate().getSubjectX500Principal()
        .getName()).isEqualTo("CN=a-gen1");
    Node b = startTls("b", at(a));
    awaitSize(2, a, b);

    // cert-manager style: new key and certificate written over the old files.
    pki.issue(ca, "a", TestPki.spec().cn("a-gen2"));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(RawTls.connect(a.port(), RawTls.client(clientFiles)).serverCertificate()
            .getSubjectX500Principal().getName()).isEqualTo("CN=a-gen2"));
    // The existing connection was not disturbed, and new peers get in with the new certificate.
    a.put("after-rotation");
    await().atMost(Duration.ofSeconds(10)).until(() -> b.has("after-rotation"));
    Node c = startTls("c", at(a));
    awaitSize(3, a, b, c);

    // A broken key file is refused and the working certificate kept.
    try (LogCapture log = new LogCapture()) {
      TestPki.writeAtomically(dir.resolve("a.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"
          + "-----END PRIVATE KEY-----\n");
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(
          () -> {
            RawTls.Outcome o = RawTls.connect(a.port(), RawTls.client(clientFiles));
            assertThat(o.serverCertificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=a-gen2");
            assertThat(log.text()).contains("TLS files changed but do not load")
                .contains("ClusterConfig.tls.keyFile");
          });
    }
  }
}
