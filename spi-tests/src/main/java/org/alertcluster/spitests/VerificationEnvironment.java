package org.alertcluster.spitests;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Seeds, iteration counts, sizes and time limits of a verification run, read from system properties
 * (or environment variables) so that a run can be reproduced or made heavier without touching code,
 * like the reactive-streams TCK's {@code TestEnvironment}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code alertcluster.spitests.seed}</td><td>{@code ALERTCLUSTER_SPITESTS_SEED}</td>
 *       <td>random, printed</td><td>the first seed of every property rule; the others derive from
 *       it. A failure message gives the failing seed: pin it, with {@code iterations=1}, to replay
 *       exactly that case.</td></tr>
 *   <tr><td>{@code alertcluster.spitests.iterations}</td>
 *       <td>{@code ALERTCLUSTER_SPITESTS_ITERATIONS}</td><td>{@value #DEFAULT_ITERATIONS}</td>
 *       <td>seeds per property rule</td></tr>
 *   <tr><td>{@code alertcluster.spitests.largeStateEntries}</td>
 *       <td>{@code ALERTCLUSTER_SPITESTS_LARGESTATEENTRIES}</td>
 *       <td>{@value #DEFAULT_LARGE_STATE_ENTRIES}</td><td>entries of the large-state rule; 0 skips
 *       it</td></tr>
 *   <tr><td>{@code alertcluster.spitests.threads}</td><td>{@code ALERTCLUSTER_SPITESTS_THREADS}</td>
 *       <td>{@value #DEFAULT_THREADS}</td><td>merging threads in the concurrency rule</td></tr>
 *   <tr><td>{@code alertcluster.spitests.timeoutMillis}</td>
 *       <td>{@code ALERTCLUSTER_SPITESTS_TIMEOUTMILLIS}</td><td>{@value #DEFAULT_TIMEOUT_MILLIS}</td>
 *       <td>the longest one concurrent round, the large-state rule or one cluster wait may
 *       take</td></tr>
 * </table>
 *
 * <p>Instances are immutable; the {@code with…} methods return changed copies (for a kit's own tests
 * or a host that wants fixed values in code).
 */
public final class VerificationEnvironment {

  /** Prefix of every system property read here: {@value}. */
  public static final String PROPERTY_PREFIX = "alertcluster.spitests.";
  /** Default seeds per property rule: {@value}. */
  public static final int DEFAULT_ITERATIONS = 25;
  /** Default entries of the large-state rule: {@value}. */
  public static final int DEFAULT_LARGE_STATE_ENTRIES = 100_000;
  /** Default merging threads in the concurrency rule: {@value}. */
  public static final int DEFAULT_THREADS = 4;
  /** Default time limit in milliseconds: {@value}. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

  private final long seed;
  private final boolean seedPinned;
  private final int iterations;
  private final int largeStateEntries;
  private final int threads;
  private final Duration timeout;

  private VerificationEnvironment(long seed, boolean seedPinned, int iterations,
      int largeStateEntries, int threads, Duration timeout) {
    if (iterations < 1 || largeStateEntries < 0 || threads < 1 || timeout.isNegative()
        || timeout.isZero()) {
      throw new IllegalArgumentException("invalid verification environment: iterations="
          + iterations + ", largeStateEntries=" + largeStateEntries + ", threads=" + threads
          + ", timeout=" + timeout);
    }
    this.seed = seed;
    this.seedPinned = seedPinned;
    this.iterations = iterations;
    this.largeStateEntries = largeStateEntries;
    this.threads = threads;
    this.timeout = timeout;
  }

  /**
   * The environment given by system properties, then environment variables, then the defaults. A seed
   * that is not given is drawn at random (and reported by the verifications).
   *
   * @return the environment
   * @throws IllegalArgumentException if a given value is not a number or out of range, naming it
   */
  public static VerificationEnvironment fromSystemProperties() {
    String seedText = setting("seed");
    long seed = seedText == null ? new SplittableRandom().nextLong() : parse("seed", seedText,
        Long::parseLong);
    return new VerificationEnvironment(seed, seedText != null,
        intSetting("iterations", DEFAULT_ITERATIONS),
        intSetting("largeStateEntries", DEFAULT_LARGE_STATE_ENTRIES),
        intSetting("threads", DEFAULT_THREADS),
        Duration.ofMillis(parseOr("timeoutMillis", DEFAULT_TIMEOUT_MILLIS, Long::parseLong)));
  }

  /**
   * The first seed of every property rule.
   *
   * @return the base seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Whether the seed was given (pinned) rather than drawn at random.
   *
   * @return true if pinned
   */
  public boolean seedPinned() {
    return seedPinned;
  }

  /**
   * Seeds per property rule.
   *
   * @return at least 1
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Entries of the large-state rule; 0 skips it.
   *
   * @return zero or more
   */
  public int largeStateEntries() {
    return largeStateEntries;
  }

  /**
   * Merging threads in the concurrency rule.
   *
   * @return at least 1
   */
  public int threads() {
    return threads;
  }

  /**
   * The longest a bounded step may take.
   *
   * @return a positive duration
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * A copy with a pinned seed.
   *
   * @param value the seed
   * @return the changed copy
   */
  public VerificationEnvironment withSeed(long value) {
    return new VerificationEnvironment(value, true, iterations, largeStateEntries, threads, timeout);
  }

  /**
   * A copy with another iteration count.
   *
   * @param value seeds per property rule, at least 1
   * @return the changed copy
   */
  public VerificationEnvironment withIterations(int value) {
    return new VerificationEnvironment(seed, seedPinned, value, largeStateEntries, threads, timeout);
  }

  /**
   * A copy with another large-state size.
   *
   * @param value entries, 0 to skip the rule
   * @return the changed copy
   */
  public VerificationEnvironment withLargeStateEntries(int value) {
    return new VerificationEnvironment(seed, seedPinned, iterations, value, threads, timeout);
  }

  /**
   * A copy with another thread count.
   *
   * @param value merging threads, at least 1
   * @return the changed copy
   */
  public VerificationEnvironment withThreads(int value) {
    return new VerificationEnvironment(seed, seedPinned, iterations, largeStateEntries, value,
        timeout);
  }

  /**
   * A copy with another time limit.
   *
   * @param value a positive duration
   * @return the changed copy
   */
  public VerificationEnvironment withTimeout(Duration value) {
    return new VerificationEnvironment(seed, seedPinned, iterations, largeStateEntries, threads,
        value);
  }

  /**
   * The JVM options that replay one seed of a property rule.
   *
   * @param failingSeed the seed to replay
   * @return for example {@code -Dalertcluster.spitests.seed=42 -Dalertcluster.spitests.iterations=1}
   */
  public static String reproduceWith(long failingSeed) {
    return "-D" + PROPERTY_PREFIX + "seed=" + failingSeed + " -D" + PROPERTY_PREFIX
        + "iterations=1";
  }

  @Override
  public String toString() {
    return "seed=" + seed + (seedPinned ? " (pinned)" : " (random; pin with -D" + PROPERTY_PREFIX
        + "seed=" + seed + ")") + ", iterations=" + iterations + ", largeStateEntries="
        + largeStateEntries + ", threads=" + threads + ", timeout=" + timeout.toMillis() + " ms";
  }

  private static String setting(String name) {
    String value = System.getProperty(PROPERTY_PREFIX + name);
    if (value == null) {
      value = System.getenv("ALERTCLUSTER_SPITESTS_" + name.toUpperCase(Locale.ROOT));
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static int intSetting(String name, int fallback) {
    return parseOr(name, fallback, Integer::parseInt);
  }

  private static <T> T parseOr(String name, T fallback, Function<String, T> parser) {
    String text = setting(name);
    return text == null ? fallback : parse(name, text, parser);
  }

  private static <T> T parse(String name, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PROPERTY_PREFIX + name + " must be a number, was '" + text + "'", e);
    }
  }
}
