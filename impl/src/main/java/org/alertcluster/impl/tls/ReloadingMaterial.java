package org.alertcluster.impl.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.alertcluster.api.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current key material of a {@link TlsConfig}, re-read when its files change on disk. Checked
 * lazily when a connection is set up, at most once per {@link #CHECK_INTERVAL_NANOS}, so that
 * rotation needs no watcher thread; a set of files that does not load (half written, mismatched) is
 * logged and the previous material kept until the files are fixed.
 */
final class ReloadingMaterial {

  /** Least time between two looks at the files' modification times: one second. */
  static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingMaterial.class);

  /** What one load produced: the material and the JDK's PKIX verifier for its anchors. */
  record Loaded(long generation, TlsConfig.Material material, X509ExtendedTrustManager verifier,
      List<Object> stamps) {}

  private final TlsConfig config;
  private final LongSupplier nanoTime;
  private volatile Loaded current;
  private volatile Loaded previous;
  private volatile long nextCheck;
  private List<Object> failedStamps = List.of();

  ReloadingMaterial(TlsConfig config, LongSupplier nanoTime) {
    this.config = config;
    this.nanoTime = nanoTime;
    List<Object> stamps = stamps();
    TlsConfig.Material m = config.load();
    this.current = new Loaded(0, m, verifier(m), stamps);
    this.previous = current;
    this.nextCheck = nanoTime.getAsLong() + CHECK_INTERVAL_NANOS;
  }

  /**
   * The material to use for a new connection, re-read first if the files changed.
   *
   * @return the current material
   */
  Loaded current() {
    long now = nanoTime.getAsLong();
    if (now - nextCheck >= 0) {
      synchronized (this) {
        if (now - nextCheck >= 0) {
          nextCheck = now + CHECK_INTERVAL_NANOS;
          reloadIfChanged();
        }
      }
    }
    return current;
  }

  /**
   * The material of a given generation, so that a handshake that chose an alias before a reload gets
   * the key and chain of that same generation.
   *
   * @param generation from {@link Loaded#generation()}
   * @return that generation's material, or the current one if it is older than the previous
   */
  Loaded generation(long generation) {
    Loaded p = previous;
    return p.generation() == generation ? p : current;
  }

  private void reloadIfChanged() {
    List<Object> stamps = stamps();
    if (stamps.equals(current.stamps()) || stamps.equals(failedStamps)) {
      return;
    }
    try {
      TlsConfig.Material m = config.load();
      previous = current;
      current = new Loaded(current.generation() + 1, m, verifier(m), stamps);
      failedStamps = List.of();
      LOG.info("TLS key material reloaded: {}", m);
    } catch (IllegalArgumentException e) {
      failedStamps = stamps;
      LOG.warn("TLS files changed but do not load, keeping the previous certificate: {}",
          e.getMessage());
    }
  }

  /** Size and modification time of every file: a change to either means "re-read". */
  private List<Object> stamps() {
    List<Object> stamps = new ArrayList<>();
    for (Path p : config.files()) {
      try {
        stamps.add(p + "@" + Files.getLastModifiedTime(p).toInstant() + "/" + Files.size(p));
      } catch (IOException e) {
        stamps.add(p + "@missing");
      }
    }
    return stamps;
  }

  /** The JDK's PKIX trust manager for the anchors, or null when there are none. */
  static X509ExtendedTrustManager verifier(TlsConfig.Material m) {
    if (m.trustAnchors().isEmpty()) {
      return null;
    }
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      int i = 0;
      for (X509Certificate ca : m.trustAnchors()) {
        anchors.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(anchors);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
    } catch (KeyStoreException | NoSuchAlgorithmException | IOException
        | java.security.cert.CertificateException e) {
      throw new IllegalStateException("cannot build a trust manager: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "ReloadingMaterial{" + Objects.toString(current.material()) + '}';
  }
}
