package org.alertcluster.impl.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's logger that starts every line with {@code Peer NAME: }, so that the lines of several
 * peers in one container (two clusters, or a test) can be told apart in one log. The logger name
 * stays the component's class, so log configuration by category works as before.
 *
 * <p>Public only because {@code discovery}, {@code membership}, {@code readiness} and {@code sync}
 * log through it; <b>not API</b>: the bundle exports no impl package, and {@code
 * PublicSurfaceTest} keeps the list of impl's public types with the reason for each.
 */
public final class PeerLog {

  private final Logger log;
  private final String prefix;

  /**
   * @param component the class whose logger to use
   * @param peerName this peer's node name; empty for no prefix (components used alone, in tests)
   */
  public PeerLog(Class<?> component, String peerName) {
    this.log = LoggerFactory.getLogger(component);
    // "{}" in a node name must not be taken for a placeholder.
    this.prefix = peerName.isEmpty() ? "" : "Peer " + peerName.replace("{}", "\\{}") + ": ";
  }

  /** @return the underlying logger, e.g. for {@link RateLimitedLog} */
  public Logger logger() {
    return log;
  }

  /** @return the prefix, {@code Peer NAME: } */
  public String prefix() {
    return prefix;
  }

  /** @return whether DEBUG is on */
  boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }

  /** @param format slf4j format  @param args arguments (a trailing Throwable is logged as such) */
  public void debug(String format, Object... args) {
    if (log.isDebugEnabled()) {
      log.debug(prefix + format, args);
    }
  }

  /** @param format slf4j format  @param args arguments (a trailing Throwable is logged as such) */
  public void info(String format, Object... args) {
    if (log.isInfoEnabled()) {
      log.info(prefix + format, args);
    }
  }

  /** @param format slf4j format  @param args arguments (a trailing Throwable is logged as such) */
  public void warn(String format, Object... args) {
    log.warn(prefix + format, args);
  }

  /** @param format slf4j format  @param args arguments (a trailing Throwable is logged as such) */
  void error(String format, Object... args) {
    log.error(prefix + format, args);
  }
}
