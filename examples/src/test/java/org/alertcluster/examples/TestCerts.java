package org.alertcluster.examples;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA and node certificates as PEM files, as {@code openssl} would write them for Alertmanager's
 * {@code --cluster.tls-config} (the impl module's tests have the full variant with expiry and usage
 * options).
 */
public final class TestCerts {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final KeyPair caKeys;
  private final X500Name caName;

  public TestCerts(Path dir, String caName) throws Exception {
    this.dir = dir;
    this.caKeys = keys();
    this.caName = new X500Name("CN=" + caName);
    JcaX509v3CertificateBuilder b = builder(this.caName, this.caName, caKeys);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    write(dir.resolve("ca.crt"), b.build(new JcaContentSignerBuilder("SHA256withECDSA")
        .build(caKeys.getPrivate())));
  }

  /** Writes {@code name.crt} and {@code name.key} (PKCS#8) for 127.0.0.1 and localhost. */
  public void node(String name) throws Exception {
    KeyPair k = keys();
    JcaX509v3CertificateBuilder b = builder(caName, new X500Name("CN=" + name), k);
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    write(dir.resolve(name + ".crt"), b.build(new JcaContentSignerBuilder("SHA256withECDSA")
        .build(caKeys.getPrivate())));
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(new JcaPKCS8Generator(k.getPrivate(), null).generate());
    }
    Files.writeString(dir.resolve(name + ".key"), w.toString());
  }

  private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair k) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(10))),
        subject, k.getPublic());
  }

  private static void write(Path file, X509CertificateHolder cert) throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(new JcaX509CertificateConverter().getCertificate(cert));
    }
    Files.writeString(file, w.toString());
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
