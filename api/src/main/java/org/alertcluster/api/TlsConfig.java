package org.alertcluster.api;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TLS between peers: {@link ClusterConfig#tls()}. When {@link #enabled()}, every connection of the
 * cluster port is TLS (JGroups' own {@code TCP} TLS support), each peer presents its certificate and,
 * with the default {@link ClientAuth#REQUIRE}, accepts only peers whose certificate chains to
 * {@link #caFile()} or {@link #trustStoreFile()}. A peer without such a certificate cannot join,
 * cannot send anything that is merged and receives nothing. Alertmanager's
 * {@code --cluster.tls-config} ({@code tls_server_config} / {@code tls_client_config}) maps onto these
 * fields one to one; see each field.
 *
 * <p>Key material comes either as PEM files ({@link #certificateFile()} + {@link #keyFile()}: what
 * cert-manager, Vault and openssl write; PKCS#8 or PKCS#1 RSA keys, unencrypted) or as a PKCS#12/JKS
 * {@link #keyStoreFile()}. {@link Builder#build()} reads every file once and refuses, naming the field
 * and the reason: a missing or unreadable file, a key that cannot be parsed, a wrong password, a
 * certificate that is expired or not yet valid, a key that does not match its certificate.
 *
 * <p>Rotation: the running peer looks at the files' modification times at most once a second when a
 * connection is set up, and new connections use the new files once they have changed and load cleanly
 * (a half-written or invalid set is logged and the previous material kept). Existing connections are
 * not interrupted.
 *
 * <p>Passwords never appear in {@link #toString()}, logs, metrics or status output.
 */
public final class TlsConfig {

  /** Whether and how a peer asks the connecting peer for its certificate. */
  public enum ClientAuth {
    /**
     * A connecting peer must present a certificate that chains to the trust anchors and carries the
     * client-auth extended key usage if it has one (Alertmanager {@code RequireAndVerifyClientCert},
     * {@code RequireAnyClientCert}). Default.
     */
    REQUIRE,
    /**
     * A certificate is asked for and verified if presented; a peer without one is admitted
     * (Alertmanager {@code VerifyClientCertIfGiven}, {@code RequestClientCert}). Anyone who can reach
     * the port can then join: only for migrations.
     */
    VERIFY_IF_GIVEN,
    /**
     * No certificate is asked for (Alertmanager {@code NoClientCert}): traffic is encrypted, but anyone
     * who can reach the port can join.
     */
    NONE
  }

  /** TLS switched off: the default of {@link ClusterConfig#tls()}. */
  public static final TlsConfig DISABLED = new Builder().buildUnchecked();

  static final String MASK = "<secret>";

  private final String certificateFile;
  private final String keyFile;
  private final String keyStoreFile;
  private final String keyStorePassword;
  private final String keyStoreType;
  private final String caFile;
  private final String trustStoreFile;
  private final String trustStorePassword;
  private final String trustStoreType;
  private final ClientAuth clientAuth;
  private final String serverName;
  private final boolean insecureSkipVerify;

  private TlsConfig(Builder b) {
    certificateFile = b.certificateFile;
    keyFile = b.keyFile;
    keyStoreFile = b.keyStoreFile;
    keyStorePassword = b.keyStorePassword;
    keyStoreType = b.keyStoreType;
    caFile = b.caFile;
    trustStoreFile = b.trustStoreFile;
    trustStorePassword = b.trustStorePassword;
    trustStoreType = b.trustStoreType;
    clientAuth = b.clientAuth;
    serverName = b.serverName;
    insecureSkipVerify = b.insecureSkipVerify;
  }

  /**
   * A builder with TLS off; setting key material switches it on.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised with this configuration's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Whether TLS is on: true when key material ({@link #certificateFile()} or
   * {@link #keyStoreFile()}) is configured.
   *
   * @return whether the cluster port speaks TLS
   */
  public boolean enabled() {
    return !certificateFile.isEmpty() || !keyStoreFile.isEmpty();
  }

  /**
   * PEM file with this peer's certificate, followed by any intermediates (Alertmanager
   * {@code tls_server_config.cert_file}; also used as client certificate). Used as server and client
   * certificate, so it should carry both the serverAuth and clientAuth extended key usages (or none).
   * Default empty.
   *
   * @return a file path, or an empty string
   */
  public String certificateFile() {
    return certificateFile;
  }

  /**
   * PEM file with the private key of {@link #certificateFile()}: PKCS#8 ({@code BEGIN PRIVATE KEY},
   * openssl 3 and cert-manager with {@code encoding: PKCS8}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE
   * KEY}, Vault and cert-manager's default); unencrypted (Alertmanager {@code key_file}). Default
   * empty.
   *
   * @return a file path, or an empty string
   */
  public String keyFile() {
    return keyFile;
  }

  /**
   * Instead of PEM files: a PKCS#12 or JKS keystore holding exactly one private key entry with its
   * chain (JGroups {@code TLS.keystore_path}). Default empty.
   *
   * @return a file path, or an empty string
   */
  public String keyStoreFile() {
    return keyStoreFile;
  }

  /**
   * Password of {@link #keyStoreFile()}, also used for its key entry (JGroups
   * {@code TLS.keystore_password}). Never shown. Default empty.
   *
   * @return the password, or an empty string
   */
  public String keyStorePassword() {
    return keyStorePassword;
  }

  /**
   * Type of {@link #keyStoreFile()} and {@link #trustStoreFile()}: {@code PKCS12} (default) or
   * {@code JKS}.
   *
   * @return the keystore type
   */
  public String keyStoreType() {
    return keyStoreType;
  }

  /**
   * PEM file with the certificates of the CAs that peer certificates must chain to (Alertmanager
   * {@code tls_server_config.client_ca_file} and {@code tls_client_config.ca_file}: one anchor for
   * both directions). Required unless {@link #trustStoreFile()} is given, or
   * {@link #clientAuth()} is {@code NONE} and {@link #insecureSkipVerify()} is set. Default empty.
   *
   * @return a file path, or an empty string
   */
  public String caFile() {
    return caFile;
  }

  /**
   * Instead of {@link #caFile()}: a PKCS#12 or JKS truststore whose certificate entries are the trust
   * anchors (JGroups {@code TLS.truststore_path}). Default empty.
   *
   * @return a file path, or an empty string
   */
  public String trustStoreFile() {
    return trustStoreFile;
  }

  /**
   * Password of {@link #trustStoreFile()}. Never shown. Default empty.
   *
   * @return the password, or an empty string
   */
  public String trustStorePassword() {
    return trustStorePassword;
  }

  /**
   * Type of {@link #trustStoreFile()}: {@code PKCS12} (default) or {@code JKS}.
   *
   * @return the truststore type
   */
  public String trustStoreType() {
    return trustStoreType;
  }

  /**
   * Whether a peer accepting a connection requires the other's certificate (Alertmanager
   * {@code tls_server_config.client_auth_type}). Default {@link ClientAuth#REQUIRE}: mutual TLS.
   *
   * @return the client authentication policy
   */
  public ClientAuth clientAuth() {
    return clientAuth;
  }

  /**
   * The name every peer's server certificate must carry (Alertmanager
   * {@code tls_client_config.server_name}). Peers dial each other by IP address; with this set, the
   * certificate is checked against this name instead, so certificates need no IP SANs (Alertmanager
   * issue #3159). Default empty: a certificate must carry the IP address dialled, or the host name of
   * a {@link ClusterConfig#knownPeers() known peer} given by name that resolves to that address.
   *
   * @return the expected server name, or an empty string
   */
  public String serverName() {
    return serverName;
  }

  /**
   * Accept any server certificate when dialling (Alertmanager {@code
   * tls_client_config.insecure_skip_verify}): traffic is still encrypted, and with
   * {@link ClientAuth#REQUIRE} the side accepting still verifies the client. Logged as a warning at
   * start. Default false.
   *
   * @return whether server certificates are not verified
   */
  public boolean insecureSkipVerify() {
    return insecureSkipVerify;
  }

  /**
   * Reads the key material from the files as they are now. The peer calls this at start and again
   * when the files change; {@link Builder#build()} calls it to validate.
   *
   * @return the private key, its certificate chain and the trust anchors
   * @throws IllegalArgumentException naming the field and the reason when a file is missing,
   *     unreadable or invalid
   */
  public Material load() {
    return TlsFiles.load(this);
  }

  /**
   * The files the key material is read from, to watch for rotation.
   *
   * @return existing-or-not paths of every configured file
   */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (String f : List.of(certificateFile, keyFile, keyStoreFile, caFile, trustStoreFile)) {
      if (!f.isEmpty()) {
        files.add(Path.of(f));
      }
    }
    return files;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TlsConfig t)) {
      return false;
    }
    return insecureSkipVerify == t.insecureSkipVerify
        && certificateFile.equals(t.certificateFile)
        && keyFile.equals(t.keyFile)
        && keyStoreFile.equals(t.keyStoreFile)
        && keyStorePassword.equals(t.keyStorePassword)
        && keyStoreType.equals(t.keyStoreType)
        && caFile.equals(t.caFile)
        && trustStoreFile.equals(t.trustStoreFile)
        && trustStorePassword.equals(t.trustStorePassword)
        && trustStoreType.equals(t.trustStoreType)
        && clientAuth == t.clientAuth
        && serverName.equals(t.serverName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(certificateFile, keyFile, keyStoreFile, keyStorePassword, keyStoreType,
        caFile, trustStoreFile, trustStorePassword, trustStoreType, clientAuth, serverName,
        insecureSkipVerify);
  }

  /** Shows files and settings; passwords appear as {@value #MASK} when set. */
  @Override
  public String toString() {
    if (!enabled()) {
      return "TlsConfig{disabled}";
    }
    return "TlsConfig{certificateFile=" + certificateFile + ", keyFile=" + keyFile
        + ", keyStoreFile=" + keyStoreFile + ", keyStorePassword=" + mask(keyStorePassword)
        + ", keyStoreType=" + keyStoreType + ", caFile=" + caFile
        + ", trustStoreFile=" + trustStoreFile + ", trustStorePassword=" + mask(trustStorePassword)
        + ", trustStoreType=" + trustStoreType + ", clientAuth=" + clientAuth
        + ", serverName=" + serverName + ", insecureSkipVerify=" + insecureSkipVerify + '}';
  }

  private static String mask(String secret) {
    return secret.isEmpty() ? "" : MASK;
  }

  /**
   * Key material read from the configured files: what the peer builds its TLS context from.
   * {@link #toString()} shows the certificate's subject and validity, never the key.
   */
  public static final class Material {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final List<X509Certificate> trustAnchors;

    Material(PrivateKey privateKey, List<X509Certificate> chain,
        List<X509Certificate> trustAnchors) {
      this.privateKey = privateKey;
      this.chain = List.copyOf(chain);
      this.trustAnchors = List.copyOf(trustAnchors);
    }

    /** @return this peer's private key */
    public PrivateKey privateKey() {
      return privateKey;
    }

    /** @return this peer's certificate first, then intermediates; never empty */
    public List<X509Certificate> chain() {
      return chain;
    }

    /** @return the trust anchors; empty when nothing is verified */
    public List<X509Certificate> trustAnchors() {
      return trustAnchors;
    }

    @Override
    public String toString() {
      X509Certificate leaf = chain.get(0);
      return "Material{subject=" + leaf.getSubjectX500Principal() + ", notAfter="
          + leaf.getNotAfter().toInstant() + ", trustAnchors=" + trustAnchors.size() + '}';
    }
  }

  /**
   * Collects values for a {@link TlsConfig}. Setters check only for {@code null}; {@link #build()}
   * checks the combination and reads every file.
   */
  public static final class Builder {
    private String certificateFile = "";
    private String keyFile = "";
    private String keyStoreFile = "";
    private String keyStorePassword = "";
    private String keyStoreType = "PKCS12";
    private String caFile = "";
    private String trustStoreFile = "";
    private String trustStorePassword = "";
    private String trustStoreType = "PKCS12";
    private ClientAuth clientAuth = ClientAuth.REQUIRE;
    private String serverName = "";
    private boolean insecureSkipVerify;

    private Builder() {}

    private Builder(TlsConfig t) {
      certificateFile = t.certificateFile;
      keyFile = t.keyFile;
      keyStoreFile = t.keyStoreFile;
      keyStorePassword = t.keyStorePassword;
      keyStoreType = t.keyStoreType;
      caFile = t.caFile;
      trustStoreFile = t.trustStoreFile;
      trustStorePassword = t.trustStorePassword;
      trustStoreType = t.trustStoreType;
      clientAuth = t.clientAuth;
      serverName = t.serverName;
      insecureSkipVerify = t.insecureSkipVerify;
    }

    /** @param v see {@link TlsConfig#certificateFile()} @return this builder */
    public Builder certificateFile(String v) {
      certificateFile = Objects.requireNonNull(v, "certificateFile").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#keyFile()} @return this builder */
    public Builder keyFile(String v) {
      keyFile = Objects.requireNonNull(v, "keyFile").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#keyStoreFile()} @return this builder */
    public Builder keyStoreFile(String v) {
      keyStoreFile = Objects.requireNonNull(v, "keyStoreFile").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#keyStorePassword()} @return this builder */
    public Builder keyStorePassword(String v) {
      keyStorePassword = Objects.requireNonNull(v, "keyStorePassword");
      return this;
    }

    /** @param v see {@link TlsConfig#keyStoreType()} @return this builder */
    public Builder keyStoreType(String v) {
      keyStoreType = Objects.requireNonNull(v, "keyStoreType").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#caFile()} @return this builder */
    public Builder caFile(String v) {
      caFile = Objects.requireNonNull(v, "caFile").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#trustStoreFile()} @return this builder */
    public Builder trustStoreFile(String v) {
      trustStoreFile = Objects.requireNonNull(v, "trustStoreFile").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#trustStorePassword()} @return this builder */
    public Builder trustStorePassword(String v) {
      trustStorePassword = Objects.requireNonNull(v, "trustStorePassword");
      return this;
    }

    /** @param v see {@link TlsConfig#trustStoreType()} @return this builder */
    public Builder trustStoreType(String v) {
      trustStoreType = Objects.requireNonNull(v, "trustStoreType").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#clientAuth()} @return this builder */
    public Builder clientAuth(ClientAuth v) {
      clientAuth = Objects.requireNonNull(v, "clientAuth");
      return this;
    }

    /** @param v see {@link TlsConfig#serverName()} @return this builder */
    public Builder serverName(String v) {
      serverName = Objects.requireNonNull(v, "serverName").strip();
      return this;
    }

    /** @param v see {@link TlsConfig#insecureSkipVerify()} @return this builder */
    public Builder insecureSkipVerify(boolean v) {
      insecureSkipVerify = v;
      return this;
    }

    /**
     * Checks the combination of fields ({@code TlsConfigChecks} holds the rules) and, when TLS is on,
     * reads every file.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the field ({@code ClusterConfig.tls.<field>}) and the
     *     reason
     */
    public TlsConfig build() {
      TlsConfig t = new TlsConfig(this);
      TlsConfigChecks.check(t);
      if (t.enabled()) {
        t.load();
      }
      return t;
    }

    TlsConfig buildUnchecked() {
      return new TlsConfig(this);
    }
  }
}
