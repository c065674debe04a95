package org.alertcluster.examples.logging;

import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One logger of the replica: formats an event as a {@link LogLine} and prints it to standard error. */
final class LineLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  LineLogger(String name) {
    this.name = name;
  }

  private boolean on(LogLine.Level level) {
    return level.compareTo(ReplicaLogging.settings().threshold()) >= 0;
  }

  @Override
  public boolean isTraceEnabled() {
    return false; // Alertmanager has no trace level
  }

  @Override
  public boolean isDebugEnabled() {
    return on(LogLine.Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return on(LogLine.Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return on(LogLine.Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return on(LogLine.Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
      Object[] arguments, Throwable throwable) {
    ReplicaLogging.Settings s = ReplicaLogging.settings();
    LogLine.Level l = LogLine.Level.of(level);
    if (l.compareTo(s.threshold()) < 0) {
      return;
    }
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    LogLine line = LogLine.of(Instant.now(), name, l, s.rewrite().apply(String.valueOf(message)), throwable);
    String text = s.json() ? line.json() : line.logfmt();
    if (throwable != null && s.threshold() == LogLine.Level.DEBUG) {
      // One line per event as Alertmanager's; the stack trace only when debugging, below the line.
      java.io.StringWriter trace = new java.io.StringWriter();
      throwable.printStackTrace(new java.io.PrintWriter(trace));
      text = text + System.lineSeparator() + trace.toString().stripTrailing();
    }
    System.err.println(text);
  }
}
