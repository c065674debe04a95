package org.alertcluster.impl.util;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring problem (garbage from the network, a State that keeps failing) at WARN at most
 * once per period and at DEBUG otherwise, so a misbehaving sender cannot flood the host's log while
 * the first occurrence is still visible. The counters carry the totals.
 *
 * <p>Public only because the root package's receiver and {@code sync} log through it; <b>not
 * API</b>: the bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list of
 * impl's public types with the reason for each.
 */
public final class RateLimitedLog {

  private final Logger log;
  private final long periodNanos;
  private final AtomicLong nextWarn = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param log where to log
   * @param periodMillis the least time between two WARN lines
   */
  public RateLimitedLog(Logger log, long periodMillis) {
    this.log = log;
    this.periodNanos = periodMillis * 1_000_000L;
  }

  /**
   * Logs at WARN if the period has passed since the last WARN, else at DEBUG.
   *
   * @param format slf4j format
   * @param args arguments; a trailing Throwable is logged as such
   */
  public void warn(String format, Object... args) {
    long now = System.nanoTime();
    long next = nextWarn.get();
    if ((next == Long.MIN_VALUE || now - next >= 0) && nextWarn.compareAndSet(next, now + periodNanos)) {
      log.warn(format, args);
    } else if (log.isDebugEnabled()) {
      log.debug(format, args);
    }
  }
}
