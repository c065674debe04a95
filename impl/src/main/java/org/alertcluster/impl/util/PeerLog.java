package org.alertcluster.impl.util;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's logger that starts every line with {@code Peer NAME: }, so that the lines of several
 * peers in one container (two clusters, or a test) can be told apart in one log. The logger name
 * stays the component's class, so log configuration by category works as before.
 *
 * <p>A recurring problem (garbage from the network, a State that keeps failing) is logged through
 * {@link #warnAtMostEvery}: at WARN at most once per period and at DEBUG otherwise, so that a
 * misbehaving sender cannot flood the host's log while the first occurrence is still visible (the
 * counters carry the totals).
 *
 * <p>Public only because the root package's receiver, {@code discovery}, {@code membership},
 * {@code readiness} and {@code sync} log through it; <b>not API</b>: the bundle exports no impl package, and {@code
 * PublicSurfaceTest} keeps the list of impl's public types with the reason for each.
 */
public final class PeerLog {

  private final Logger log;
  private final String prefix;
  /** 0: every warning at WARN. */
  private final long warnPeriodNanos;
  private final AtomicLong nextWarn = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param component the class whose logger to use
   * @param peerName this peer's node name; empty for no prefix (components used alone, in tests)
   */
  public PeerLog(Class<?> component, String peerName) {
    // "{}" in a node name must not be taken for a placeholder.
    this(LoggerFactory.getLogger(component),
        peerName.isEmpty() ? "" : "Peer " + peerName.replace("{}", "\\{}") + ": ", 0);
  }

  private PeerLog(Logger log, String prefix, long warnPeriodNanos) {
    this.log = log;
    this.prefix = prefix;
    this.warnPeriodNanos = warnPeriodNanos;
  }

  /**
   * The same logger for one recurring problem: its {@link #warn} logs at WARN if {@code
   * periodMillis} have passed since its last WARN line, else at DEBUG. One per problem, so that
   * one problem's warnings do not hide another's.
   *
   * @param periodMillis the least time between two WARN lines
   * @return a new rate-limited log with this one's logger and prefix
   */
  public PeerLog warnAtMostEvery(long periodMillis) {
    return new PeerLog(log, prefix, Math.max(1, periodMillis) * 1_000_000L);
  }

  /**
   * A member as log lines name it: {@code name@host:port}, the name alone while its address is not
   * known, the address alone for a known peer that never joined (it has no name yet). {@link
   * org.alertcluster.api.Member}'s own {@code toString} is the record's {@code Member[name=…,
   * address=…]}, which reads as a Java object in an operator's log.
   *
   * @param m the member
   * @return the text for a log line
   */
  public static String member(org.alertcluster.api.Member m) {
    if (m.address().isEmpty()) {
      return m.name();
    }
    return m.name().isEmpty() ? m.address() : m.name() + "@" + m.address();
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

  /**
   * Logs at WARN; a {@link #warnAtMostEvery rate-limited} log at DEBUG within its period.
   *
   * @param format slf4j format
   * @param args arguments (a trailing Throwable is logged as such)
   */
  public void warn(String format, Object... args) {
    if (warnPeriodNanos == 0 || warnNow()) {
      log.warn(prefix + format, args);
    } else if (log.isDebugEnabled()) {
      log.debug(prefix + format, args);
    }
  }

  /** @return whether a rate-limited warning may go out at WARN now (and starts a new period if so) */
  boolean warnNow() {
    long now = System.nanoTime();
    long next = nextWarn.get();
    return (next == Long.MIN_VALUE || now - next >= 0)
        && nextWarn.compareAndSet(next, now + warnPeriodNanos);
  }

  /** @param format slf4j format  @param args arguments (a trailing Throwable is logged as such) */
  void error(String format, Object... args) {
    log.error(prefix + format, args);
  }
}
