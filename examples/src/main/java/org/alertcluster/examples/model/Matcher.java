package org.alertcluster.examples.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A label matcher of a silence, a route or an inhibit rule: {@code name = value}, {@code !=},
 * {@code =~} or {@code !~}. Regular expressions are Go's RE2 syntax (through RE2/J, Google's Java port
 * of RE2: {@code [[:digit:]]}, {@code (?P<name>…)}, linear-time matching) and are anchored at both
 * ends as Alertmanager anchors them, {@code ^(?:value)$}. A missing label matches as the empty
 * string.
 *
 * @param name the label name
 * @param value the value or the regular expression
 * @param type how to compare
 */
public record Matcher(String name, String value, Type type) {

  /** Label names as Prometheus allows them. */
  public static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Compiled anchored patterns by source; records cannot hold them, and silences repeat patterns. */
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 10_000;

  /** How a matcher compares. */
  public enum Type {
    /** {@code =}. */
    EQUAL,
    /** {@code !=}. */
    NOT_EQUAL,
    /** {@code =~}. */
    REGEX,
    /** {@code !~}. */
    NOT_REGEX;

    /**
     * The type from the API's two flags.
     *
     * @param isRegex whether the value is a regular expression
     * @param isEqual whether the match is positive
     * @return the type
     */
    public static Type of(boolean isRegex, boolean isEqual) {
      if (isRegex) {
        return isEqual ? REGEX : NOT_REGEX;
      }
      return isEqual ? EQUAL : NOT_EQUAL;
    }

    /** @return true for the regular expression types */
    public boolean isRegex() {
      return this == REGEX || this == NOT_REGEX;
    }

    /** @return true for the positive types */
    public boolean isEqual() {
      return this == EQUAL || this == REGEX;
    }
  }

  /**
   * Validates the matcher.
   *
   * @throws IllegalArgumentException if the name is not a label name or the regex does not compile
   */
  public Matcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    if (!LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid label name \"" + name + "\" in matcher");
    }
    if (type.isRegex()) {
      try {
        anchored(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regular expression \"" + value + "\" in matcher "
            + name + ": " + e.getDescription(), e);
      }
    }
  }

  /**
   * Whether a single value matches.
   *
   * @param actual the label's value, or the empty string when absent
   * @return the result
   */
  public boolean matches(String actual) {
    return switch (type) {
      case EQUAL -> value.equals(actual);
      case NOT_EQUAL -> !value.equals(actual);
      case REGEX -> anchored(value).matches(actual);
      case NOT_REGEX -> !anchored(value).matches(actual);
    };
  }

  /**
   * Whether a label set matches.
   *
   * @param labels the labels
   * @return the result
   */
  public boolean matches(Map<String, String> labels) {
    return matches(labels.getOrDefault(name, ""));
  }

  private static Pattern anchored(String value) {
    Pattern p = COMPILED.get(value);
    if (p == null) {
      p = Pattern.compile("^(?:" + value + ")$");
      if (COMPILED.size() >= MAX_CACHED) {
        COMPILED.clear();
      }
      COMPILED.put(value, p);
    }
    return p;
  }

  @Override
  public String toString() {
    String op = switch (type) {
      case EQUAL -> "=";
      case NOT_EQUAL -> "!=";
      case REGEX -> "=~";
      case NOT_REGEX -> "!~";
    };
    return name + op + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
