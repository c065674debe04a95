package org.alertcluster.examples.logging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alertcluster.examples.config.Durations;

/**
 * One log event as Alertmanager prints it. logfmt ({@code --log.format=logfmt}, the default):
 * <pre>ts=2026-11-30T22:59:12.397Z caller=ViewTracker level=info component=cluster peer=01M8QAY0… msg="Member 01M8QAXZ…@127.0.0.1:39195 joined (3 members)"</pre>
 * JSON ({@code --log.format=json}): the same keys in one object. {@code ts} is UTC with milliseconds
 * (Alertmanager's {@code 2006-01-02T15:04:05.000Z07:00}); {@code caller} is the logging class (Go
 * prints {@code file.go:line}; a Java stack walk per line is not worth it); {@code component} is
 * Alertmanager's for the same concern ({@code cluster} for the peer and JGroups, {@code silences},
 * {@code nflog}, {@code dispatcher}, {@code configuration}), absent otherwise; {@code peer} is the
 * node name that the cluster's lines start with ({@code "Peer NAME: "}), lifted out of {@code msg};
 * {@code err} the exception, if any. Java {@link Duration}s in a message ({@code PT3S}) are printed
 * the Go way ({@code 3s}, {@code 6h0m0s}).
 *
 * @param ts when
 * @param caller the logger's simple name
 * @param level the level
 * @param component Alertmanager's component, or null
 * @param peer the cluster peer's name, or null
 * @param msg the message
 * @param err the exception's class and message, or null
 */
record LogLine(Instant ts, String caller, Level level, String component, String peer, String msg,
    String err) {

  /** Alertmanager's levels; slf4j's TRACE is below DEBUG and never printed. */
  enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR;

    static Level of(org.slf4j.event.Level l) {
      return valueOf(l.name());
    }

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** PeerLog's prefix: {@code "Peer NAME: "}. */
  private static final Pattern PEER = Pattern.compile("^Peer (\\S+): ");
  /** {@link Duration#toString}: PT6H, PT1M30S, PT0.2S (never days; a sign per part when negative). */
  private static final Pattern ISO_DURATION =
      Pattern.compile("(?<![\\w.])PT(?=-?\\d)(?:-?\\d+H)?(?:-?\\d+M)?(?:-?\\d+(?:\\.\\d+)?S)?(?!\\w)");

  /**
   * @param ts when
   * @param logger the logger's name (a class name)
   * @param level the level
   * @param message the formatted message
   * @param t the exception, or null
   * @return the line
   */
  static LogLine of(Instant ts, String logger, Level level, String message, Throwable t) {
    String peer = null;
    String msg = message;
    Matcher m = PEER.matcher(msg);
    if (m.find()) {
      peer = m.group(1);
      msg = msg.substring(m.end());
    }
    return new LogLine(ts, logger.substring(logger.lastIndexOf('.') + 1), level, component(logger),
        peer, goDurations(msg), t == null ? null : t.toString());
  }

  /** @return Alertmanager's component for a logger name, or null */
  static String component(String logger) {
    if (logger.startsWith("org.alertcluster.impl.") || logger.startsWith("org.jgroups.")) {
      return "cluster";
    }
    String p = "org.alertcluster.examples.";
    if (!logger.startsWith(p)) {
      return null;
    }
    String pkg = logger.substring(p.length(), Math.max(p.length(), logger.lastIndexOf('.')));
    return switch (pkg) {
      case "silence" -> "silences";
      case "nflog" -> "nflog";
      case "notify", "receiver" -> "dispatcher";
      case "config" -> "configuration";
      default -> null;
    };
  }

  /** @return {@code text} with every ISO-8601 duration printed the Go way */
  static String goDurations(String text) {
    if (!text.contains("PT")) {
      return text;
    }
    Matcher m = ISO_DURATION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String go;
      try {
        Duration d = Duration.parse(m.group());
        go = d.isNegative() ? "-" + Durations.format(d.negated()) : Durations.format(d);
      } catch (RuntimeException e) {
        go = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(go));
    }
    return m.appendTail(out).toString();
  }

  /** @return the logfmt line */
  String logfmt() {
    StringBuilder b = new StringBuilder(96 + msg.length());
    b.append("ts=").append(TS.format(ts)).append(" caller=");
    logfmtValue(b, caller);
    b.append(" level=").append(level.text());
    if (component != null) {
      b.append(" component=").append(component);
    }
    if (peer != null) {
      b.append(" peer=");
      logfmtValue(b, peer);
    }
    b.append(" msg=");
    logfmtValue(b, msg);
    if (err != null) {
      b.append(" err=");
      logfmtValue(b, err);
    }
    return b.toString();
  }

  /** @return the JSON object, on one line */
  String json() {
    StringBuilder b = new StringBuilder(112 + msg.length());
    b.append("{\"ts\":\"").append(TS.format(ts)).append("\",\"caller\":");
    jsonString(b, caller);
    b.append(",\"level\":\"").append(level.text()).append('"');
    if (component != null) {
      b.append(",\"component\":\"").append(component).append('"');
    }
    if (peer != null) {
      b.append(",\"peer\":");
      jsonString(b, peer);
    }
    b.append(",\"msg\":");
    jsonString(b, msg);
    if (err != null) {
      b.append(",\"err\":");
      jsonString(b, err);
    }
    return b.append('}').toString();
  }

  /** go-logfmt's rule: quoted when empty or holding a space, '=', '"' or a control character. */
  static void logfmtValue(StringBuilder b, String v) {
    boolean quote = v.isEmpty();
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c <= ' ' || c == '=' || c == '"' || c == 0x7f;
    }
    if (!quote) {
      b.append(v);
      return;
    }
    jsonString(b, v); // Go's logfmt quotes as strconv.Quote: the JSON escapes for these
  }

  static void jsonString(StringBuilder b, String v) {
    b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(v)).append('"');
  }
}
