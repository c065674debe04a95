package org.alertcluster.examples.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as Go ({@code 1h30m}, {@code 500ms}, {@code 1.5s}, {@code 0}) and Prometheus
 * ({@code 1d}, {@code 1w}, {@code 1y}) write them: flags use the first, {@code alertmanager.yml} the
 * second; one parser accepts both.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param text e.g. {@code 15s}, {@code 1h30m}, {@code 500ms}, {@code 0}
   * @return the duration, not negative
   * @throws IllegalArgumentException if the text is not a duration, or is negative ("must not be
   *     negative")
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.startsWith("-") && PART.matcher(s.substring(1)).lookingAt()) {
      // Go's time.ParseDuration takes "-5s"; no timeout, interval or retention here can be negative
      throw new IllegalArgumentException("must not be negative (use 0 or a positive duration, e.g. 5s)");
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException("invalid duration \"" + text
            + "\" (use a number and a unit: ms, s, m, h, d, w, y; e.g. 15s, 1m, 1h30m)");
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      pos = m.end();
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  /**
   * Formats a duration the Go way, for messages and the API.
   *
   * @param d the duration
   * @return e.g. {@code 1h30m0s}, {@code 500ms}
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    StringBuilder b = new StringBuilder();
    if (d.toHours() > 0) {
      b.append(d.toHours()).append('h');
    }
    if (d.toHours() > 0 || d.toMinutesPart() > 0) {
      b.append(d.toMinutesPart()).append('m');
    }
    b.append(d.toSecondsPart());
    if (d.toMillisPart() > 0) {
      b.append('.').append(String.format("%03d", d.toMillisPart()).replaceAll("0+$", ""));
    }
    return b.append('s').toString();
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L;
      case "w" -> 604_800_000_000_000L;
      case "y" -> 365L * 86_400_000_000_000L;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }
}
