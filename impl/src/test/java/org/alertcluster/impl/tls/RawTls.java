package org.alertcluster.impl.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Raw TLS and plaintext connections to a peer's ports, as a stranger would open them. */
final class RawTls {

  private RawTls() {}

  /** A client context presenting {@code peer}'s certificate (or none) and trusting any server. */
  static SSLContext client(TestPki.PeerFiles peer) throws Exception {
    KeyManager[] kms = null;
    if (peer != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("k", peer.keys().getPrivate(), new char[0],
          new X509Certificate[] {peer.certificate()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(ks, new char[0]);
      kms = kmf.getKeyManagers();
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kms, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return ctx;
  }

  /** What happened to a TLS connection after the handshake and one write. */
  record Outcome(boolean refusedByServer, String detail, X509Certificate serverCertificate) {}

  /**
   * Connects, handshakes, writes a few bytes and reads. With TLS 1.3 a server refusing the client's
   * certificate says so with an alert on the first read; a server that accepted it just sees bytes
   * that are not JGroups' and closes the connection (or waits).
   */
  static Outcome connect(int port, SSLContext ctx) throws IOException {
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      s.setSoTimeout(3000);
      X509Certificate server;
      try {
        s.startHandshake();
        server = (X509Certificate) s.getSession().getPeerCertificates()[0];
        s.getOutputStream().write(new byte[] {1, 2, 3, 4});
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        in.read();
      } catch (SocketTimeoutException e) {
        return new Outcome(false, "accepted (waiting for more)", null);
      } catch (SSLException e) {
        return new Outcome(true, e.toString(), null);
      } catch (IOException e) {
        // a reset after the alert also means the server hung up on the certificate
        return new Outcome(true, e.toString(), null);
      }
      return new Outcome(false, "accepted, then closed for not speaking JGroups", server);
    }
  }

  /** Opens a connection and sends raw bytes, ignoring what happens next. */
  static void sendRaw(int port, byte[] bytes) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(500);
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      s.getInputStream().read();
    } catch (IOException e) {
      // expected: the peer hangs up
    }
  }

  /** Starts a TLS handshake without a client certificate, ignoring the result. */
  static void clientHello(int port, SSLContext noCert) {
    try (SSLSocket s = (SSLSocket) noCert.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(1000);
      s.startHandshake();
      s.getOutputStream().write(new byte[] {0x62, 0x65, 0x6c, 0x61});
      s.getInputStream().read();
    } catch (IOException e) {
      // expected
    }
  }
}
