package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.impl.tls.TestPki;
import org.jgroups.JChannel;
import org.jgroups.protocols.TP;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS stack's handshake deadline. A paused member (SIGSTOP) still completes TCP connects, since
 * its kernel accepts them into the listen backlog, but never answers a TLS handshake, and JGroups'
 * {@code TCP} waits for the handshake with no timeout on the thread that sends every multicast.
 *
 * <p>The paused member, deterministically: a listening socket that does not accept while "paused"
 * (its backlog takes the connects). It is the peer's known peer, so discovery and MERGE3 dial it.
 */
class HandshakeDeadlineTest {

  @TempDir
  Path dir;

  /**
   * A dial on a sending thread is given up at the handshake deadline; from then on one dial waits
   * off the sending threads ({@link Redial}) and is not given up and dialled anew every deadline:
   * the paused member's backlog holds the given-up connections and one live one, and when the
   * member runs again it answers that one, first in its backlog after the dead ones. Before, a new
   * dial every 600 ms here (every 1.5 s with the defaults: 8 per member in a 12 s pause), each
   * handshaken and failed in turn by the resumed member's acceptor, and each spending the TLS
   * session ticket, so that the live one was a full handshake.
   */
  @Test
  void aMemberThatNeverAnswersHoldsOneDialThatCompletesWhenItAnswers() throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.Ca ca = pki.ca("ca");
    TestPki.PeerFiles files = pki.issue(ca, "a", TestPki.spec().cn("a"));
    TestPki.PeerFiles pausedFiles = pki.issue(ca, "b", TestPki.spec().cn("b").ips("127.0.0.1"));
    ClusterConfig config = ClusterConfig.loopback().clusterName("handshake")
        .probeTimeout(Duration.ofMillis(200))
        .tls(TlsConfig.builder().certificateFile(files.cert().toString())
            .keyFile(files.key().toString()).caFile(files.ca().toString()).build())
        .build();
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket paused = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      InetSocketAddress target = new InetSocketAddress(paused.getInetAddress(), paused.getLocalPort());
      StackBuilder.Endpoints ep = StackBuilder.pickFreePort(LocalAddresses.of(config));
      try (JChannel ch = new JChannel(StackBuilder.protocols(config, ep, Set.of(target)))) {
        TP transport = ch.getProtocolStack().getTransport();
        assertThat(transport).isInstanceOf(HandshakeDeadlineTcp.class);
        HandshakeDeadlineTcp tcp = (HandshakeDeadlineTcp) transport;
        long deadline = tcp.handshakeDeadlineMs();
        assertThat(deadline).isEqualTo(600);
        assertThat(tcp.pendingDialDeadlineMs()).isEqualTo(12_000);
        transport.getDiagnosticsHandler().setEnabled(false);
        long started = System.nanoTime();
        ch.connect("handshake");
        // Without any deadline the first handshake waits until the process ends: 0 given up.
        await().atMost(Duration.ofSeconds(10)).until(() -> tcp.abandonedHandshakes() >= 1
            && tcp.sendsSkipped() > 0);
        long given = tcp.abandonedHandshakes();
        System.out.printf("handshake deadline: %d handshake(s) with a member that never answers "
            + "given up on the sending thread after %d ms (deadline %d ms); then sends skip%n",
            given, (System.nanoTime() - started) / 1_000_000, deadline);
        long skipped = tcp.sendsSkipped();
        // Three deadlines on: before, three more dials given up; now the one off-thread dial waits.
        await().during(Duration.ofMillis(3 * deadline)).atMost(Duration.ofMillis(5 * deadline))
            .until(() -> tcp.abandonedHandshakes() == given);
        assertThat(tcp.sendsSkipped()).as("discovery kept sending to it, skipped").isGreaterThan(skipped);
        assertThat(ch.getView().size()).as("still a cluster of its own").isEqualTo(1);

        // The member runs again: it accepts what its backlog holds, in order.
        paused.setSoTimeout(300);
        try {
          while (accepted.size() < 50) {
            accepted.add(paused.accept());
          }
        } catch (SocketTimeoutException e) {
          // the backlog is empty
        }
        System.out.printf("handshake deadline: %d connection(s) in the paused member's backlog "
            + "(%d given up, 1 pending)%n", accepted.size(), given);
        assertThat(accepted).as("the given-up dials and the one pending dial").hasSize((int) given + 1);
        Socket live = accepted.get(accepted.size() - 1);
        SSLSocket server = (SSLSocket) serverContext(pki, pausedFiles, ca).getSocketFactory()
            .createSocket(live, (InputStream) null, true);
        server.setUseClientMode(false);
        long answered = System.nanoTime();
        server.startHandshake();
        long handshaken = System.nanoTime();
        IpAddress dest = new IpAddress(target);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
            .until(() -> tcp.connectedTo(dest));
        System.out.printf("handshake deadline: the pending dial connected %d ms after the member "
            + "answered it (its side of the handshake: %d ms, a cold JVM's first)%n",
            (System.nanoTime() - answered) / 1_000_000, (handshaken - answered) / 1_000_000);
        assertThat(tcp.abandonedHandshakes()).isEqualTo(given);
      }
    } finally {
      accepted.forEach(Util::close);
    }
  }

  /**
   * The dial that waits for a member that never answers ends when the transport stops: JGroups'
   * timer, which closes it at its deadline, stops with the transport, and the dialling thread (not
   * a daemon) and the socket in the member's backlog would otherwise stay for good.
   */
  @Test
  void aPendingDialEndsWhenTheTransportStops() throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.PeerFiles files = pki.issue(pki.ca("ca"), "a", TestPki.spec().cn("a"));
    ClusterConfig config = ClusterConfig.loopback().clusterName("handshake-stop")
        .probeTimeout(Duration.ofMillis(200))
        .tls(TlsConfig.builder().certificateFile(files.cert().toString())
            .keyFile(files.key().toString()).caFile(files.ca().toString()).build())
        .build();
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket paused = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      InetSocketAddress target = new InetSocketAddress(paused.getInetAddress(), paused.getLocalPort());
      StackBuilder.Endpoints ep = StackBuilder.pickFreePort(LocalAddresses.of(config));
      JChannel ch = new JChannel(StackBuilder.protocols(config, ep, Set.of(target)));
      HandshakeDeadlineTcp tcp = (HandshakeDeadlineTcp) ch.getProtocolStack().getTransport();
      tcp.getDiagnosticsHandler().setEnabled(false);
      ch.connect("handshake-stop");
      await().atMost(Duration.ofSeconds(10)).until(() -> tcp.sendsSkipped() > 0);
      ch.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet()
          .stream().noneMatch(t -> t.getName().startsWith("Redial") && t.isAlive()));
      paused.setSoTimeout(300);
      try {
        while (accepted.size() < 50) {
          accepted.add(paused.accept());
        }
      } catch (SocketTimeoutException e) {
        // the backlog is empty
      }
      assertThat(accepted).isNotEmpty();
      Socket last = accepted.get(accepted.size() - 1);
      last.setSoTimeout(2000);
      boolean closed;
      try {
        InputStream in = last.getInputStream();
        while (in.read() >= 0) {
          // the ClientHello, then the end of stream
        }
        closed = true;
      } catch (SocketTimeoutException e) {
        closed = false;
      } catch (java.io.IOException e) {
        closed = true; // reset (JGroups closes TLS client sockets with SO_LINGER 0)
      }
      assertThat(closed).as("the pending dial's socket was closed when the transport stopped")
          .isTrue();
    } finally {
      accepted.forEach(Util::close);
    }
  }

  private static SSLContext serverContext(TestPki pki, TestPki.PeerFiles peer, TestPki.Ca ca)
      throws Exception {
    char[] password = "changeit".toCharArray();
    Path p12 = pki.pkcs12(peer, ca, "b.p12", "changeit");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
