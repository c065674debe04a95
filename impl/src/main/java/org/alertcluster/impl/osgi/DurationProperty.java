package org.alertcluster.impl.osgi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration from a ConfigAdmin property the way operators write one: plain milliseconds
 * ({@code 30000}, what Karaf's {@code .cfg} files held so far), Go/Alertmanager style with units
 * ({@code 500ms}, {@code 30s}, {@code 1m}, {@code 1h30m}, {@code 1.5s}; units ns, us, µs, ms, s, m, h,
 * d) or ISO-8601 ({@code PT30S}). Anything else is refused with a message naming the configuration
 * and the property.
 */
final class DurationProperty {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
  private static final Pattern GO_STYLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d))+");

  private DurationProperty() {}

  /**
   * @param pid the configuration, e.g. {@code org.alertcluster.peer~default}, for the message
   * @param field the property name
   * @param value what the configuration holds (DS hands over its string form)
   * @return the duration
   * @throws IllegalArgumentException {@code PID: FIELD must be a duration such as 30s or 30000, was 'VALUE'}
   */
  static Duration parse(String pid, String field, String value) {
    String v = value == null ? "" : value.strip();
    try {
      if (v.matches("-?\\d+")) {
        return Duration.ofMillis(Long.parseLong(v));
      }
      if (v.startsWith("P") || v.startsWith("p") || v.startsWith("-P")) {
        return Duration.parse(v);
      }
      if (GO_STYLE.matcher(v).matches()) {
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
          total = total.plus(unit(new BigDecimal(m.group(1)), m.group(2)));
        }
        return total;
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(pid + ": " + field
        + " must be a duration such as 30s or 30000, was '" + value + "'");
  }

  private static Duration unit(BigDecimal amount, String unit) {
    long nanosPerUnit = switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 86_400_000_000_000L; // d
    };
    return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
  }
}
