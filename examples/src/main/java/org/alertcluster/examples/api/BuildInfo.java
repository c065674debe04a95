package org.alertcluster.examples.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where this replica was built from, as Alertmanager reports it in {@code /api/v2/status}
 * ({@code versionInfo}), {@code alertmanager_build_info} and {@code --version}: the version from the
 * jar's manifest, the git commit and branch recorded at build time ({@code build-info.properties},
 * written by buildnumber-maven-plugin). What the build could not tell (no git, no repository, a
 * detached checkout) is {@code "unknown"}, as Alertmanager reports a revision it does not know,
 * never an empty string.
 *
 * @param version the project version, {@code "dev"} when run from classes without a manifest
 * @param revision the full git commit id, or {@code "unknown"}
 * @param branch the git branch, or {@code "unknown"}
 */
public record BuildInfo(String version, String revision, String branch) {

  static final String UNKNOWN = "unknown";
  private static final BuildInfo CURRENT = load();

  /** @return this build's information */
  public static BuildInfo current() {
    return CURRENT;
  }

  private static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return of(v, p.getProperty("revision"), p.getProperty("branch"));
  }

  /**
   * Cleans raw values: unfilled placeholders ({@code ${buildNumber}}, a build without the plugin)
   * and the plugin's {@code UNKNOWN_BRANCH} become {@code "unknown"}.
   */
  static BuildInfo of(String version, String revision, String branch) {
    return new BuildInfo(version == null || version.isBlank() ? "dev" : version, known(revision),
        known(branch));
  }

  private static String known(String value) {
    if (value == null || value.isBlank() || value.contains("${") || value.equals("UNKNOWN_BRANCH")
        || value.equalsIgnoreCase(UNKNOWN)) {
      return UNKNOWN;
    }
    return value.strip();
  }
}
