package org.alertcluster.impl.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsConfig.Builder#build()} reads the files and refuses bad ones naming the field and the
 * reason; passwords never show.
 */
class TlsConfigValidationTest {

  @TempDir
  Path dir;

  private TestPki pki;
  private TestPki.Ca ca;
  private TestPki.PeerFiles good;

  @BeforeEach
  void pki() throws Exception {
    pki = new TestPki(dir);
    ca = pki.ca("ca");
    good = pki.issue(ca, "good", TestPki.spec());
  }

  private TlsConfig.Builder pem(TestPki.PeerFiles f) {
    return TlsConfig.builder().certificateFile(f.cert().toString()).keyFile(f.key().toString())
        .caFile(f.ca().toString());
  }

  @Test
  void validPemFilesBuildAndLoad() {
    TlsConfig t = pem(good).build();
    assertThat(t.enabled()).isTrue();
    assertThat(t.clientAuth()).isEqualTo(TlsConfig.ClientAuth.REQUIRE);
    assertThat(t.load().chain()).hasSize(1);
    assertThat(t.load().trustAnchors()).hasSize(1);
  }

  @Test
  void disabledByDefault() {
    assertThat(ClusterConfig.defaults().tls()).isEqualTo(TlsConfig.DISABLED);
    assertThat(TlsConfig.DISABLED.enabled()).isFalse();
  }

  @Test
  void missingFileIsRefusedNamingTheField() {
    assertThatThrownBy(() -> pem(good).certificateFile(dir.resolve("nope.crt").toString()).build())
        .hasMessageStartingWith("ClusterConfig.tls.certificateFile '")
        .hasMessageEndingWith("nope.crt' does not exist");
    assertThatThrownBy(() -> pem(good).caFile(dir.resolve("ca-nope.crt").toString()).build())
        .hasMessageStartingWith("ClusterConfig.tls.caFile '").hasMessageEndingWith("does not exist");
  }

  @Test
  void unreadableKeyIsRefused() throws Exception {
    Path garbage = dir.resolve("garbage.key");
    Files.writeString(garbage, "this is no key\n");
    assertThatThrownBy(() -> pem(good).keyFile(garbage.toString()).build())
        .hasMessageStartingWith("ClusterConfig.tls.keyFile '")
        .hasMessageContaining("must hold exactly one PEM private key");
    Path broken = dir.resolve("broken.key");
    Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> pem(good).keyFile(broken.toString()).build())
        .hasMessageStartingWith("ClusterConfig.tls.keyFile '")
        .hasMessageContaining("cannot be parsed");
  }

  @Test
  void keyWithoutReadPermissionIsRefused() throws Exception {
    Path locked = dir.resolve("locked.key");
    Files.copy(good.key(), locked);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(locked), "running as root: permissions do not apply");
    assertThatThrownBy(() -> pem(good).keyFile(locked.toString()).build())
        .hasMessageContaining("ClusterConfig.tls.keyFile").hasMessageContaining("not readable");
  }

  @Test
  void wrongKeystorePasswordIsRefused() throws Exception {
    Path p12 = pki.pkcs12(good, ca, "peer.p12", "right-password");
    Path trust = pki.truststore(ca, "trust.p12", "trust-pw");
    TlsConfig ok = TlsConfig.builder().keyStoreFile(p12.toString())
        .keyStorePassword("right-password").trustStoreFile(trust.toString())
        .trustStorePassword("trust-pw").build();
    assertThat(ok.load().chain()).hasSize(2);
    assertThatThrownBy(() -> ok.toBuilder().keyStorePassword("wrong").build())
        .hasMessageStartingWith("ClusterConfig.tls.keyStorePassword ")
        .hasMessageContaining("wrong password").hasMessageNotContaining("right-password");
    assertThatThrownBy(() -> ok.toBuilder().trustStorePassword("wrong").build())
        .hasMessageStartingWith("ClusterConfig.tls.trustStorePassword ")
        .hasMessageContaining("wrong password");
  }

  @Test
  void expiredAndNotYetValidCertificatesAreRefused() throws Exception {
    TestPki.PeerFiles expired = pki.issue(ca, "expired", TestPki.spec().validity(
        Instant.now().minus(Duration.ofDays(9)), Instant.now().minus(Duration.ofDays(2))));
    assertThatThrownBy(() -> pem(expired).build())
        .hasMessageStartingWith("ClusterConfig.tls.certificateFile '")
        .hasMessageContaining("that expired on");
    TestPki.PeerFiles future = pki.issue(ca, "future", TestPki.spec().validity(
        Instant.now().plus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(9))));
    assertThatThrownBy(() -> pem(future).build())
        .hasMessageStartingWith("ClusterConfig.tls.certificateFile '")
        .hasMessageContaining("that is not valid before");
  }

  @Test
  void keyNotMatchingTheCertificateIsRefused() throws Exception {
    TestPki.PeerFiles other = pki.issue(ca, "other", TestPki.spec());
    assertThatThrownBy(() -> pem(good).keyFile(other.key().toString()).build())
        .hasMessageStartingWith("ClusterConfig.tls.keyFile ")
        .hasMessageContaining("does not match the certificate of certificateFile");
  }

  @Test
  void pkcs1RsaKeysAsVaultWritesThemAreAccepted() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair rsa = g.generateKeyPair();
    // JcaPEMWriter writes an RSA private key as PKCS#1 (BEGIN RSA PRIVATE KEY), as Vault does.
    Path key = dir.resolve("rsa.key");
    Files.writeString(key, TestPki.pem(rsa.getPrivate()));
    assertThat(Files.readString(key)).contains("BEGIN RSA PRIVATE KEY");
    Path cert = dir.resolve("rsa.crt");
    Files.writeString(cert, TestPki.pem(pki.certify(ca, rsa)));
    TlsConfig t = TlsConfig.builder().certificateFile(cert.toString()).keyFile(key.toString())
        .caFile(good.ca().toString()).build();
    assertThat(t.load().privateKey().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void incompleteCombinationsAreRefused() {
    assertThatThrownBy(() -> TlsConfig.builder().certificateFile(good.cert().toString()).build())
        .hasMessage("ClusterConfig.tls.keyFile is required with certificateFile");
    assertThatThrownBy(() -> TlsConfig.builder().certificateFile(good.cert().toString())
        .keyFile(good.key().toString()).build())
        .hasMessageStartingWith("ClusterConfig.tls.caFile is required");
    assertThatThrownBy(() -> TlsConfig.builder().caFile(good.ca().toString()).build())
        .hasMessageStartingWith("ClusterConfig.tls.certificateFile is required");
    assertThatThrownBy(() -> pem(good).keyStoreType("PEM").build())
        .hasMessage("ClusterConfig.tls.keyStoreType 'PEM' must be PKCS12 or JKS");
    // Encryption without verification is allowed, but only when asked for explicitly.
    assertThat(TlsConfig.builder().certificateFile(good.cert().toString())
        .keyFile(good.key().toString()).clientAuth(TlsConfig.ClientAuth.NONE)
        .insecureSkipVerify(true).build().enabled()).isTrue();
  }

  @Test
  void passwordsNeverShowInToString() throws Exception {
    Path p12 = pki.pkcs12(good, ca, "peer.p12", "hunter2-keystore");
    Path trust = pki.truststore(ca, "trust.p12", "hunter2-trust");
    TlsConfig t = TlsConfig.builder().keyStoreFile(p12.toString())
        .keyStorePassword("hunter2-keystore").trustStoreFile(trust.toString())
        .trustStorePassword("hunter2-trust").build();
    ClusterConfig c = ClusterConfig.builder().tls(t).build();
    for (String shown : new String[] {t.toString(), c.toString()}) {
      assertThat(shown).doesNotContain("hunter2").contains("<secret>").contains("peer.p12");
    }
    assertThat(t.load().toString()).doesNotContain("hunter2").contains("subject=");
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }
}
