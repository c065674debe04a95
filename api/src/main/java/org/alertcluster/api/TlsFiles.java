package org.alertcluster.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link TlsConfig}'s files with the JDK alone (no PEM library needed): PEM certificates,
 * PKCS#8 and PKCS#1 RSA keys, PKCS#12 and JKS stores. Every failure names the field and the reason.
 */
final class TlsFiles {

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"};

  private TlsFiles() {}

  static IllegalArgumentException invalid(String field, String value, String reason) {
    String shown = value.isEmpty() ? "" : " '" + value + "'";
    return new IllegalArgumentException("ClusterConfig.tls." + field + shown + " " + reason);
  }

  static TlsConfig.Material load(TlsConfig t) {
    PrivateKey key;
    List<X509Certificate> chain;
    String keyField;
    String certField;
    if (!t.certificateFile().isEmpty()) {
      certField = "certificateFile";
      keyField = "keyFile";
      chain = certificates(certField, t.certificateFile());
      key = privateKey(keyField, t.keyFile());
    } else {
      certField = "keyStoreFile";
      keyField = "keyStorePassword";
      KeyStore ks = store("keyStoreFile", t.keyStoreFile(), t.keyStoreType(),
          "keyStorePassword", t.keyStorePassword());
      key = null;
      chain = null;
      try {
        for (String alias : Collections.list(ks.aliases())) {
          if (!ks.isKeyEntry(alias)) {
            continue;
          }
          if (key != null) {
            throw invalid("keyStoreFile", t.keyStoreFile(),
                "holds more than one private key entry; keep exactly one");
          }
          Key k = ks.getKey(alias, t.keyStorePassword().toCharArray());
          if (!(k instanceof PrivateKey pk)) {
            continue;
          }
          key = pk;
          chain = new ArrayList<>();
          for (Certificate c : ks.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
          }
        }
      } catch (UnrecoverableKeyException e) {
        throw invalid("keyStorePassword", "", "does not unlock the key entry of keyStoreFile '"
            + t.keyStoreFile() + "' (wrong password)");
      } catch (GeneralSecurityException e) {
        throw invalid("keyStoreFile", t.keyStoreFile(), "cannot be read: " + e.getMessage());
      }
      if (key == null || chain == null || chain.isEmpty()) {
        throw invalid("keyStoreFile", t.keyStoreFile(),
            "holds no private key entry with a certificate chain");
      }
    }
    String certValue = certField.equals("certificateFile") ? t.certificateFile() : t.keyStoreFile();
    checkValidity(certField, certValue, chain.get(0));
    checkKeyMatches(keyField, certField, certValue, key, chain.get(0));

    List<X509Certificate> anchors = new ArrayList<>();
    if (!t.caFile().isEmpty()) {
      anchors.addAll(certificates("caFile", t.caFile()));
    } else if (!t.trustStoreFile().isEmpty()) {
      KeyStore ts = store("trustStoreFile", t.trustStoreFile(), t.trustStoreType(),
          "trustStorePassword", t.trustStorePassword());
      try {
        for (String alias : Collections.list(ts.aliases())) {
          if (ts.isCertificateEntry(alias) && ts.getCertificate(alias) instanceof X509Certificate c) {
            anchors.add(c);
          }
        }
      } catch (GeneralSecurityException e) {
        throw invalid("trustStoreFile", t.trustStoreFile(), "cannot be read: " + e.getMessage());
      }
      if (anchors.isEmpty()) {
        throw invalid("trustStoreFile", t.trustStoreFile(), "holds no trusted certificate entry");
      }
    }
    for (X509Certificate anchor : anchors) {
      checkValidity(t.caFile().isEmpty() ? "trustStoreFile" : "caFile",
          t.caFile().isEmpty() ? t.trustStoreFile() : t.caFile(), anchor);
    }
    return new TlsConfig.Material(key, chain, anchors);
  }

  private static byte[] read(String field, String file) {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw invalid(field, file, "does not exist");
    } catch (AccessDeniedException e) {
      throw invalid(field, file, "is not readable (permission denied)");
    } catch (IOException | RuntimeException e) {
      throw invalid(field, file, "cannot be read: " + e);
    }
  }

  private static List<X509Certificate> certificates(String field, String file) {
    byte[] bytes = read(field, file);
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (byte[] der : pemBlocks(new String(bytes, StandardCharsets.US_ASCII), "CERTIFICATE")) {
        certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw invalid(field, file, "holds a certificate that cannot be parsed: " + e.getMessage());
    }
    if (certs.isEmpty()) {
      throw invalid(field, file, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certs;
  }

  private static PrivateKey privateKey(String field, String file) {
    String text = new String(read(field, file), StandardCharsets.US_ASCII);
    List<byte[]> pkcs8 = pemBlocks(text, "PRIVATE KEY");
    List<byte[]> pkcs1 = pemBlocks(text, "RSA PRIVATE KEY");
    if (!pemBlocks(text, "ENCRYPTED PRIVATE KEY").isEmpty()) {
      throw invalid(field, file, "is encrypted; give an unencrypted PKCS#8 key (as Alertmanager"
          + " does) or use a password-protected keyStoreFile");
    }
    if (!pemBlocks(text, "EC PRIVATE KEY").isEmpty()) {
      throw invalid(field, file, "is a SEC1 EC key; convert it to PKCS#8 with"
          + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
    }
    byte[] der;
    if (pkcs8.size() == 1) {
      der = pkcs8.get(0);
    } else if (pkcs1.size() == 1) {
      der = wrapPkcs1Rsa(pkcs1.get(0));
    } else {
      throw invalid(field, file, "must hold exactly one PEM private key (-----BEGIN PRIVATE KEY-----"
          + " or -----BEGIN RSA PRIVATE KEY-----), found " + (pkcs8.size() + pkcs1.size()));
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw invalid(field, file, "holds a private key that cannot be parsed (RSA, EC or EdDSA"
        + " PKCS#8 expected)");
  }

  private static KeyStore store(String field, String file, String type, String passwordField,
      String password) {
    byte[] bytes = read(field, file);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      KeyStore ks = KeyStore.getInstance(type.toUpperCase(java.util.Locale.ROOT));
      ks.load(in, password.toCharArray());
      return ks;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw invalid(passwordField, "", "does not open " + field + " '" + file
            + "' (wrong password)");
      }
      throw invalid(field, file, "is not a " + type + " store: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw invalid(field, file, "is not a " + type + " store: " + e.getMessage());
    }
  }

  private static void checkValidity(String field, String file, X509Certificate cert) {
    try {
      cert.checkValidity();
    } catch (CertificateExpiredException e) {
      throw invalid(field, file, "holds a certificate for " + cert.getSubjectX500Principal()
          + " that expired on " + cert.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw invalid(field, file, "holds a certificate for " + cert.getSubjectX500Principal()
          + " that is not valid before " + cert.getNotBefore().toInstant());
    }
  }

  /** Signs a random challenge with the key and verifies it with the certificate: any algorithm. */
  private static void checkKeyMatches(String keyField, String certField, String certFile,
      PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      case "RSASSA-PSS" -> "RSASSA-PSS";
      default -> null;
    };
    if (algorithm == null || algorithm.equals("RSASSA-PSS")) {
      return; // cannot check generically; the TLS handshake will
    }
    boolean matches;
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw invalid(keyField, "", "does not match the certificate of " + certField + " '"
          + certFile + "' (" + cert.getSubjectX500Principal() + ")");
    }
  }

  private static List<byte[]> pemBlocks(String text, String label) {
    List<byte[]> blocks = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(label)) {
        blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return blocks;
  }

  /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key as octets. */
  private static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
    byte[] algorithmId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithmId.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithmId, 0, body, version.length, algorithmId.length);
    System.arraycopy(octets, 0, body, version.length + algorithmId.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] len;
    if (n < 0x80) {
      len = new byte[] {(byte) n};
    } else if (n < 0x100) {
      len = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      len = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(content, 0, out, 1 + len.length, n);
    return out;
  }
}
