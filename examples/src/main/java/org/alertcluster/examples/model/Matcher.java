package org.alertcluster.examples.model;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher of a silence: {@code name = value}, {@code !=}, {@code =~} or {@code !~}. Regular
 * expressions are anchored at both ends, as in Alertmanager. A missing label matches as the empty
 * string.
 *
 * @param name the label name
 * @param value the value or the regular expression
 * @param type how to compare
 */
public record Matcher(String name, String value, Type type) {

  /** Label names as Prometheus allows them. */
  public static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

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
        Pattern.compile(value);
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
      case REGEX -> anchored().matcher(actual).matches();
      case NOT_REGEX -> !anchored().matcher(actual).matches();
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

  private Pattern anchored() {
    return Pattern.compile("^(?:" + value + ")$");
  }

  @Override
  public String toString() {
    String op = switch (type) {
      case EQUAL -> "=";
      case NOT_EQUAL -> "!=";
      case REGEX -> "=~";
      case NOT_REGEX -> "!~";
    };
    return name + op + "\"" + value + "\"";
  }
}
