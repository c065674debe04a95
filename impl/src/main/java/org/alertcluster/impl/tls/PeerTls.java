package org.alertcluster.impl.tls;

import java.security.GeneralSecurityException;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.alertcluster.api.TlsConfig;
import org.jgroups.protocols.TCP;
import org.jgroups.util.TLS;
import org.jgroups.util.TLSClientAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches on JGroups' TLS for the {@code TCP} transport from a {@link TlsConfig}: JGroups makes the
 * SSL server and client sockets ({@code TLS.createSocketFactory}); this class only supplies the
 * {@link SSLContext} (reloading key material, peer verification) and the client-auth policy.
 *
 * <p>Public only because {@code stack} ({@code StackBuilder}) applies it to the transport; <b>not
 * API</b>: the bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list of
 * impl's public types with the reason for each.
 */
public final class PeerTls {

  private static final Logger LOG = LoggerFactory.getLogger(PeerTls.class);

  private final TlsConfig config;
  private final PeerTrustManager trust;
  private final SSLContext context;

  private PeerTls(TlsConfig config, Collection<String> knownPeers) {
    this.config = config;
    ReloadingMaterial material = new ReloadingMaterial(config, System::nanoTime);
    this.trust = new PeerTrustManager(material, new PeerNames(config.serverName(), knownPeers),
        config.insecureSkipVerify());
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {new PeerKeyManager(material)}, new TrustManager[] {trust}, null);
      this.context = ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context: " + e, e);
    }
    LOG.info("TLS on the cluster port: {}, client certificates {}{}", material,
        config.clientAuth(), config.insecureSkipVerify()
            ? "; WARNING: insecureSkipVerify, server certificates are not verified" : "");
  }

  /**
   * Reads the key material and builds the context.
   *
   * @param config an enabled TLS configuration
   * @param knownPeers the configured known peers, whose host names are acceptable server names
   * @return the TLS setup
   * @throws IllegalArgumentException if the files do not load (naming the field)
   */
  public static PeerTls create(TlsConfig config, Collection<String> knownPeers) {
    return new PeerTls(config, knownPeers);
  }

  /**
   * Configures the transport; call before the channel starts.
   *
   * @param tcp the transport
   */
  public void applyTo(TCP tcp) {
    TLS tls = tcp.tls();
    tls.enabled(true);
    tls.setSSLContext(context);
    tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    tls.setClientAuth(switch (config.clientAuth()) {
      case REQUIRE -> TLSClientAuth.NEED;
      case VERIFY_IF_GIVEN -> TLSClientAuth.WANT;
      case NONE -> TLSClientAuth.NONE;
    });
  }

  /** @return the SSL context (tests open raw TLS connections with the peer's own view) */
  SSLContext context() {
    return context;
  }

  /** @return how many peer certificates were refused since start */
  long refusedPeers() {
    return trust.refused();
  }
}
