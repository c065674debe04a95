package org.alertcluster.impl.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.spitests.support.FreePorts;
import org.jgroups.Version;
import org.jgroups.stack.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS transport (JGroups' blocking {@code TCP}) leaves no socket it accepted open once it
 * stopped. Its acceptor handshakes and reads the dialler's address on its own thread, and
 * {@code TcpServer.stop()} waits only 300 ms for it before closing the connection table: a
 * connection whose address arrives after that was registered in the emptied table, with a reader
 * thread, and stayed open while the JVM lived. The member that dialled then held a connection that
 * looks healthy, and, its address sorting higher, refused every connection of a successor at the
 * same address (the TCP_NIO2 flavour of this: {@code AcceptedSockets}, RejoinSameAddressTest).
 *
 * <p>Deterministic: a raw TLS client, with a certificate of the peer's CA, connects, completes
 * the handshake and sends JGroups' connection preamble one byte at a time (each within the
 * acceptor's 1 s read timeout) while the peer closes, then the rest.
 */
class TlsAcceptedOnStopTest {

  @TempDir
  Path dir;

  @Test
  void aConnectionWhosePreambleArrivesAsThePeerStopsIsClosed() throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.Ca ca = pki.ca("ca");
    TestPki.PeerFiles a = pki.issue(ca, "a", TestPki.spec().cn("a").ips("127.0.0.1"));
    TestPki.PeerFiles dialler = pki.issue(ca, "d", TestPki.spec().cn("d"));
    int port = FreePorts.next();
    ClusterConfig config = ClusterConfig.loopback()
        .clusterName("accepted-" + UUID.randomUUID().toString().substring(0, 8))
        .bindAddress("127.0.0.1:" + port).knownPeers(List.of())
        .tls(TlsConfig.builder().certificateFile(a.cert().toString()).keyFile(a.key().toString())
            .caFile(a.ca().toString()).build())
        .build();
    Peer peer = Peers.create(config);
    try (SSLSocket s = (SSLSocket) RawTls.client(dialler).getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.startHandshake();
      byte[] preamble = preamble(FreePorts.next());
      OutputStream out = s.getOutputStream();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(peer::close);
      int sent = 0;
      // One byte every 300 ms keeps the acceptor reading (1 s timeout per read) until the peer has
      // stopped; the preamble (15 bytes) lasts 4.5 s.
      while (!closing.isDone() && sent < preamble.length - 1) {
        out.write(preamble[sent++]);
        out.flush();
        try {
          closing.get(300, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          // still closing
        }
      }
      closing.get(10, TimeUnit.SECONDS);
      assertThat(sent).as("the peer stopped before the preamble was complete").isLessThan(preamble.length);
      out.write(preamble, sent, preamble.length - sent);
      out.flush();
      long written = System.nanoTime();
      s.setSoTimeout(3000);
      boolean closed;
      String how;
      try {
        // JGroups closes gracefully: an int -1 (its close marker), then end of stream.
        InputStream in = s.getInputStream();
        int bytes = 0;
        while (in.read() >= 0) {
          bytes++;
        }
        closed = true;
        how = "closed (" + bytes + " bytes before the end of stream)";
      } catch (SocketTimeoutException e) {
        closed = false;
        how = "no answer";
      } catch (IOException e) {
        closed = true; // reset
        how = e.toString();
      }
      System.out.printf("accepted on stop: %d preamble bytes sent while the peer closed; after "
          + "%d ms: %s%n", sent, (System.nanoTime() - written) / 1_000_000, how);
      assertThat(closed).as("the stopped peer closed the connection it accepted as it stopped")
          .isTrue();
    } finally {
      peer.close();
    }
  }

  /** What {@code TcpConnection.sendLocalAddress} writes: cookie, version, address size, address. */
  private static byte[] preamble(int port) throws IOException {
    IpAddress addr = new IpAddress("127.0.0.1", port);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'b', 'e', 'l', 'a'});
    out.writeShort(Version.version);
    out.writeShort(addr.serializedSize());
    addr.writeTo(out);
    out.flush();
    return bytes.toByteArray();
  }
}
