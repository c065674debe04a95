package org.alertcluster.examples.logging;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The slf4j provider of the replica process: every logger writes {@link LogLine}s to standard error,
 * at and above {@code --log.level}, in {@code --log.format}. slf4j builds it (by the {@code
 * slf4j.provider} system property, see {@link #select}), so its settings are static and must be
 * given before the first logger is made. Lines are written whole, one {@code println} each, so that
 * lines of several threads do not interleave.
 */
public final class ReplicaLogging implements SLF4JServiceProvider {

  /** The system property slf4j 2.0.9+ reads to pick a provider without scanning the class path. */
  static final String PROVIDER_PROPERTY = "slf4j.provider";

  /** slf4j's own reporting threshold (org.slf4j.helpers.Reporter). */
  static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

  private static volatile Settings settings = new Settings(LogLine.Level.INFO, false, UnaryOperator.identity());

  /** What every logger of the process does. */
  record Settings(LogLine.Level threshold, boolean json, UnaryOperator<String> rewrite) {}

  private final Map<String, LineLogger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, LineLogger::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** For slf4j's reflection. */
  public ReplicaLogging() {}

  /**
   * Makes this provider the process's slf4j provider, with these settings. Call before the first
   * logger is made (slf4j binds once).
   *
   * @param level {@code --log.level}: debug, info, warn or error
   * @param format {@code --log.format}: logfmt or json
   * @param rewrite applied to every message, e.g. configuration field names to the flags that set
   *     them
   */
  public static void select(String level, String format, UnaryOperator<String> rewrite) {
    settings = new Settings(LogLine.Level.valueOf(level.toUpperCase(Locale.ROOT)), "json".equals(format), rewrite);
    System.setProperty(PROVIDER_PROPERTY, ReplicaLogging.class.getName());
    // slf4j reports an explicitly chosen provider on stderr ("SLF4J(I): Attempting to load ..."):
    // not a log line in the chosen format. Its warnings and errors still show.
    if (System.getProperty(VERBOSITY_PROPERTY) == null) {
      System.setProperty(VERBOSITY_PROPERTY, "WARN");
    }
  }

  static Settings settings() {
    return settings;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: settings are given by select
  }
}
