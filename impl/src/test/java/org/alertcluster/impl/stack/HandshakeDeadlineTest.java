package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.impl.tls.TestPki;
import org.jgroups.JChannel;
import org.jgroups.protocols.TP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS stack's handshake deadline. A paused member (SIGSTOP) still completes TCP connects, since
 * its kernel accepts them into the listen backlog, but never answers a TLS handshake, and JGroups'
 * {@code TCP} waits for the handshake with no timeout on the thread that sends every multicast.
 *
 * <p>The paused member, deterministically: a listening socket that never accepts and never speaks
 * (its backlog takes the connects). It is the peer's known peer, so discovery and MERGE3 dial it.
 */
class HandshakeDeadlineTest {

  @TempDir
  Path dir;

  @Test
  void aHandshakeThatIsNeverAnsweredIsGivenUpAtItsDeadlineAndTheStackKeepsSending()
      throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.PeerFiles files = pki.issue(pki.ca("ca"), "a", TestPki.spec().cn("a"));
    ClusterConfig config = ClusterConfig.loopback().clusterName("handshake")
        .probeTimeout(Duration.ofMillis(200))
        .tls(TlsConfig.builder().certificateFile(files.cert().toString())
            .keyFile(files.key().toString()).caFile(files.ca().toString()).build())
        .build();
    try (ServerSocket paused = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      InetSocketAddress target = new InetSocketAddress(paused.getInetAddress(), paused.getLocalPort());
      StackBuilder.Endpoints ep = StackBuilder.pickFreePort(LocalAddresses.of(config));
      try (JChannel ch = new JChannel(StackBuilder.protocols(config, ep, Set.of(target)))) {
        TP transport = ch.getProtocolStack().getTransport();
        assertThat(transport).isInstanceOf(HandshakeDeadlineTcp.class);
        HandshakeDeadlineTcp tcp = (HandshakeDeadlineTcp) transport;
        assertThat(tcp.handshakeDeadlineMs()).isEqualTo(600);
        transport.getDiagnosticsHandler().setEnabled(false);
        ch.connect("handshake");
        long started = System.nanoTime();
        // Without the deadline the first handshake waits until the process ends: 0 given up, and
        // discovery's later requests queue behind it. With it, one every ~600 ms.
        await().atMost(Duration.ofSeconds(15)).until(() -> tcp.abandonedHandshakes() >= 3);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("handshake deadline: %d TLS handshakes with a member that never answers"
            + " given up in %d ms (deadline %d ms)%n", tcp.abandonedHandshakes(), ms,
            tcp.handshakeDeadlineMs());
        assertThat(ch.getView().size()).as("still a cluster of its own").isEqualTo(1);
      }
    }
  }
}
