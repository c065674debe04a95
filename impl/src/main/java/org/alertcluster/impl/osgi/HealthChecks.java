package org.alertcluster.impl.osgi;

/**
 * Whether Apache Felix Health Check is present, asked without loading {@link PeerHealthCheck}
 * (whose interface would then be missing).
 */
final class HealthChecks {

  private HealthChecks() {}

  /**
   * Whether the framework wired {@code org.apache.felix.hc.api} to this bundle.
   *
   * @return true if a health check can be registered
   */
  static boolean available() {
    try {
      Class.forName("org.apache.felix.hc.api.HealthCheck", false,
          HealthChecks.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
