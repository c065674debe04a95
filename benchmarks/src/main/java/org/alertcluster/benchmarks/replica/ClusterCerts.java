package org.alertcluster.benchmarks.replica;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The files for mutual TLS between the members of one fleet, made in the run: a throw-away CA and,
 * per member, an EC P-256 certificate for 127.0.0.1 / localhost (server and client use) with its
 * PKCS#8 key, and Alertmanager's {@code --cluster.tls-config} file naming them, which both systems
 * read as it is ({@code RequireAndVerifyClientCert}).
 */
final class ClusterCerts {

  private final Path dir;
  private final KeyPair caKeys;
  private final java.security.cert.X509Certificate caCert;
  private long serial = System.currentTimeMillis();

  ClusterCerts(Path dir) throws Exception {
    // Absolute: both systems resolve a relative path in the file against the file's directory.
    this.dir = dir.toAbsolutePath();
    Files.createDirectories(this.dir);
    caKeys = keyPair();
    X500Name name = new X500Name("CN=alertcluster-benchmark-ca");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial++),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name,
        caKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    caCert = sign(b);
    Files.writeString(dir.resolve("ca.crt"), pem(caCert));
  }

  /**
   * Issues member {@code i}'s certificate and writes its TLS config file.
   *
   * @param i the member
   * @return the {@code --cluster.tls-config} file
   */
  Path member(int i) throws Exception {
    KeyPair keys = keyPair();
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, BigInteger.valueOf(serial++),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
        new X500Name("CN=member-" + i), keys.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    Files.writeString(dir.resolve("member-" + i + ".crt"), pem(sign(b)));
    Files.writeString(dir.resolve("member-" + i + ".key"), pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
    Path config = dir.resolve("tls-member-" + i + ".yml");
    Files.writeString(config, """
        tls_server_config:
          cert_file: "%1$s"
          key_file: "%2$s"
          client_auth_type: "RequireAndVerifyClientCert"
          client_ca_file: "%3$s"
        tls_client_config:
          cert_file: "%1$s"
          key_file: "%2$s"
          ca_file: "%3$s"
          server_name: "localhost"
        """.formatted(dir.resolve("member-" + i + ".crt"), dir.resolve("member-" + i + ".key"),
        dir.resolve("ca.crt")));
    return config;
  }

  private java.security.cert.X509Certificate sign(X509v3CertificateBuilder b) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }
}
