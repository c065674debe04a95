package org.alertcluster.impl.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests: CAs and peer certificates (EC P-256, fast to make) written as the PEM
 * files cert-manager and openssl produce, or as PKCS#12. Certificates are made with BouncyCastle;
 * the code under test reads them with the JDK alone.
 */
public final class TestPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A CA: its key pair and self-signed certificate. */
  public record Ca(String name, KeyPair keys, X509Certificate cert) {}

  /** A peer's files: certificate chain, PKCS#8 key, and the CA file to trust. */
  public record PeerFiles(Path cert, Path key, Path ca, X509Certificate certificate, KeyPair keys) {}

  private final Path dir;

  public TestPki(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Ca ca(String name) throws Exception {
    KeyPair keys = keyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + name);
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new Ca(name, keys, sign(b, keys));
  }

  /** Options for a peer certificate. */
  public static final class Spec {
    String cn = "peer";
    List<String> dns = new ArrayList<>(List.of("localhost"));
    List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
    Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    Instant notAfter = Instant.now().plus(Duration.ofDays(10));
    boolean serverAuth = true;
    boolean clientAuth = true;

    public Spec cn(String v) {
      cn = v;
      return this;
    }

    public Spec dns(String... v) {
      dns = new ArrayList<>(List.of(v));
      return this;
    }

    public Spec ips(String... v) {
      ips = new ArrayList<>(List.of(v));
      return this;
    }

    public Spec validity(Instant from, Instant to) {
      notBefore = from;
      notAfter = to;
      return this;
    }

    public Spec serverAuthOnly() {
      clientAuth = false;
      return this;
    }
  }

  public static Spec spec() {
    return new Spec();
  }

  /** Issues a certificate and writes {@code <file>.crt}, {@code <file>.key}, {@code <file>-ca.crt}. */
  public PeerFiles issue(Ca ca, String file, Spec spec) throws Exception {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore),
        Date.from(spec.notAfter), new X500Name("CN=" + spec.cn), keys.getPublic());
    List<GeneralName> names = new ArrayList<>();
    spec.dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    spec.ips.forEach(i -> names.add(new GeneralName(GeneralName.iPAddress, i)));
    if (!names.isEmpty()) {
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(names.toArray(new GeneralName[0])));
    }
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    List<KeyPurposeId> usages = new ArrayList<>();
    if (spec.serverAuth) {
      usages.add(KeyPurposeId.id_kp_serverAuth);
    }
    if (spec.clientAuth) {
      usages.add(KeyPurposeId.id_kp_clientAuth);
    }
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(usages.toArray(new KeyPurposeId[0])));
    X509Certificate cert = sign(b, ca.keys());
    Path certFile = dir.resolve(file + ".crt");
    Path keyFile = dir.resolve(file + ".key");
    Path caFile = dir.resolve(file + "-ca.crt");
    writeAtomically(certFile, pem(cert));
    writeAtomically(keyFile, pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
    writeAtomically(caFile, pem(ca.cert()));
    return new PeerFiles(certFile, keyFile, caFile, cert, keys);
  }

  /** Certifies a given key pair (any algorithm) with the CA, for peer use. */
  public X509Certificate certify(Ca ca, KeyPair keys) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(10))), new X500Name("CN=rsa-peer"), keys.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    return sign(b, ca.keys());
  }

  /** Writes a PKCS#12 keystore holding the peer's key and chain. */
  public Path pkcs12(PeerFiles peer, Ca ca, String file, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("peer", peer.keys().getPrivate(), password.toCharArray(),
        new X509Certificate[] {peer.certificate(), ca.cert()});
    return store(ks, file, password);
  }

  /** Writes a PKCS#12 truststore holding the CA certificate. */
  public Path truststore(Ca ca, String file, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca.cert());
    return store(ks, file, password);
  }

  private Path store(KeyStore ks, String file, String password) throws Exception {
    Path p = dir.resolve(file);
    try (OutputStream out = Files.newOutputStream(p)) {
      ks.store(out, password.toCharArray());
    }
    return p;
  }

  /** Replaces a file the way cert-manager does: write aside, then rename over. */
  public static void writeAtomically(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair issuer)
      throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
