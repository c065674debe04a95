package org.alertcluster.impl.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the other end of a cluster connection is a peer: its certificate must chain to the
 * current trust anchors (the JDK's PKIX checks: validity, signatures, key usage and, for a
 * connecting peer, the clientAuth extended key usage); a peer we dialled must also carry an expected
 * name ({@link PeerNames}). Every refusal is logged with the remote address, the certificate's subject
 * and the reason (at WARN at most once per {@link #WARN_PERIOD_NANOS}, else DEBUG) and counted.
 */
final class PeerTrustManager extends X509ExtendedTrustManager {

  /** Least time between two WARN lines about refused peers: 10 seconds. */
  static final long WARN_PERIOD_NANOS = 10_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(PeerTrustManager.class);

  private final ReloadingMaterial material;
  private final PeerNames names;
  private final boolean skipServerVerification;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong nextWarn = new AtomicLong(Long.MIN_VALUE);

  PeerTrustManager(ReloadingMaterial material, PeerNames names, boolean skipServerVerification) {
    this.material = material;
    this.names = names;
    this.skipServerVerification = skipServerVerification;
  }

  /** @return how many peer certificates were refused since start */
  long refused() {
    return refused.get();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    InetAddress from = socket == null ? null : socket.getInetAddress();
    X509ExtendedTrustManager verifier = verifierOrRefuse("connecting", from, chain);
    try {
      verifier.checkClientTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw refuse("connecting", from, chain, reason(e), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    X509ExtendedTrustManager verifier = verifierOrRefuse("connecting", null, chain);
    try {
      verifier.checkClientTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw refuse("connecting", null, chain, reason(e), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checkClientTrusted(chain, authType, (Socket) null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (skipServerVerification) {
      return;
    }
    InetAddress to = socket == null ? null : socket.getInetAddress();
    X509ExtendedTrustManager verifier = verifierOrRefuse("dialled", to, chain);
    try {
      verifier.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw refuse("dialled", to, chain, reason(e), e);
    }
    checkName(to, chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (skipServerVerification) {
      return;
    }
    X509ExtendedTrustManager verifier = verifierOrRefuse("dialled", null, chain);
    try {
      verifier.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw refuse("dialled", null, chain, reason(e), e);
    }
    InetAddress to = null;
    if (engine != null && engine.getPeerHost() != null) {
      try {
        to = InetAddress.getByName(engine.getPeerHost());
      } catch (java.net.UnknownHostException e) {
        to = null;
      }
    }
    checkName(to, chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checkServerTrusted(chain, authType, (Socket) null);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return material.current().material().trustAnchors().toArray(new X509Certificate[0]);
  }

  private X509ExtendedTrustManager verifierOrRefuse(String role, InetAddress peer,
      X509Certificate[] chain) throws CertificateException {
    X509ExtendedTrustManager verifier = material.current().verifier();
    if (verifier == null) {
      throw refuse(role, peer, chain, "no trust anchors are configured (caFile)", null);
    }
    return verifier;
  }

  private void checkName(InetAddress to, X509Certificate[] chain) throws CertificateException {
    Set<String> expected = names.expected(to);
    if (expected.isEmpty() || !PeerNames.matches(chain[0], expected)) {
      throw refuse("dialled", to, chain, "its certificate (" + PeerNames.describeSans(chain[0])
          + ") carries none of the expected names " + expected + "; set serverName (Alertmanager"
          + " tls_client_config.server_name) to a name every peer certificate carries", null);
    }
  }

  private CertificateException refuse(String role, InetAddress peer, X509Certificate[] chain,
      String reason, Exception cause) {
    refused.incrementAndGet();
    String subject = chain == null || chain.length == 0 ? "no certificate"
        : chain[0].getSubjectX500Principal().toString();
    String line = "TLS: refused " + role + " peer " + (peer == null ? "?" : peer.getHostAddress())
        + " (" + subject + "): " + reason;
    long now = System.nanoTime();
    long next = nextWarn.get();
    if ((next == Long.MIN_VALUE || now - next >= 0)
        && nextWarn.compareAndSet(next, now + WARN_PERIOD_NANOS)) {
      LOG.warn(line);
    } else {
      LOG.debug(line);
    }
    CertificateException e = new CertificateException(line);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /** The most telling message in a cause chain: the innermost that has one. */
  private static String reason(Throwable e) {
    String msg = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        msg = t.getMessage();
      }
    }
    return msg == null ? e.toString() : msg;
  }
}
