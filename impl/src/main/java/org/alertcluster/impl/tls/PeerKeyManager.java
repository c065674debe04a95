package org.alertcluster.impl.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents this peer's one certificate, as server and as client, from the current
 * {@link ReloadingMaterial}: a handshake after the files changed uses the new certificate. The alias
 * names the material's generation, so that key and chain of one handshake always belong together even
 * when a reload happens in between.
 */
final class PeerKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "peer";

  private final ReloadingMaterial material;

  PeerKeyManager(ReloadingMaterial material) {
    this.material = material;
  }

  private String aliasFor(String keyType) {
    ReloadingMaterial.Loaded loaded = material.current();
    String alias = ALIAS + "-" + loaded.generation();
    String algorithm = loaded.material().privateKey().getAlgorithm();
    if (keyType == null) {
      return alias;
    }
    // JSSE asks per signature/key type (RSA, EC, RSASSA-PSS, EdDSA); answer only for ours.
    boolean ok = keyType.equalsIgnoreCase(algorithm)
        || (algorithm.equals("RSA") && keyType.equalsIgnoreCase("RSASSA-PSS"))
        || (algorithm.equals("EC") && keyType.startsWith("EC"))
        || (algorithm.startsWith("Ed") && keyType.equalsIgnoreCase("EdDSA"));
    return ok ? alias : null;
  }

  private String aliasFor(String[] keyTypes) {
    if (keyTypes == null) {
      return aliasFor((String) null);
    }
    for (String t : keyTypes) {
      String alias = aliasFor(t);
      if (alias != null) {
        return alias;
      }
    }
    return null;
  }

  private ReloadingMaterial.Loaded loaded(String alias) {
    long generation = -1;
    if (alias != null && alias.startsWith(ALIAS + "-")) {
      try {
        generation = Long.parseLong(alias.substring(ALIAS.length() + 1));
      } catch (NumberFormatException e) {
        generation = -1;
      }
    }
    return material.generation(generation);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return loaded(alias).material().chain().toArray(new X509Certificate[0]);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return loaded(alias).material().privateKey();
  }
}
