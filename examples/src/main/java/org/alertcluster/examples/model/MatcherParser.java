package org.alertcluster.examples.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses matchers in Alertmanager's text form, as its configuration ({@code matchers:},
 * {@code source_matchers:}, {@code target_matchers:}) and amtool's {@code filter} parameters write
 * them: {@code name="value"}, {@code name=~"re"}, {@code name!=value}, several separated by commas,
 * optionally inside braces ({@code {a="1", b=~"2|3"}}). Values may be quoted (with {@code \"},
 * {@code \\} and {@code \n} escapes) or bare, as in Alertmanager 0.25's {@code labels.ParseMatchers}.
 */
public final class MatcherParser {

  private static final Pattern ONE = Pattern.compile(
      "^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");

  private MatcherParser() {}

  /**
   * Parses one or more comma-separated matchers.
   *
   * @param text the text
   * @return the matchers, in order
   * @throws IllegalArgumentException naming the matcher at fault and why
   */
  public static List<Matcher> parse(String text) {
    String s = text.trim();
    if (s.startsWith("{")) {
      if (!s.endsWith("}")) {
        throw new IllegalArgumentException("bad matcher format: " + text + " (missing closing brace)");
      }
      s = s.substring(1, s.length() - 1);
    }
    List<Matcher> out = new ArrayList<>();
    for (String part : splitOutsideQuotes(s)) {
      if (part.isBlank()) {
        continue;
      }
      out.add(parseOne(part));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("bad matcher format: \"" + text + "\" (no matcher)");
    }
    return out;
  }

  private static Matcher parseOne(String part) {
    java.util.regex.Matcher m = ONE.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad matcher format: " + part.trim());
    }
    String raw = m.group(3);
    String value;
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      value = unquote(raw.substring(1, raw.length() - 1), part);
    } else if (raw.startsWith("\"") || raw.endsWith("\"")) {
      throw new IllegalArgumentException("bad matcher format: " + part.trim() + " (unbalanced quote)");
    } else {
      value = raw;
    }
    Matcher.Type type = switch (m.group(2)) {
      case "=" -> Matcher.Type.EQUAL;
      case "!=" -> Matcher.Type.NOT_EQUAL;
      case "=~" -> Matcher.Type.REGEX;
      default -> Matcher.Type.NOT_REGEX;
    };
    return new Matcher(m.group(1), value, type);
  }

  private static String unquote(String s, String part) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> b.append('\n');
          case '"', '\\' -> b.append(n);
          default -> b.append('\\').append(n); // regex escapes such as \d pass through
        }
      } else if (c == '"') {
        throw new IllegalArgumentException("bad matcher format: " + part.trim() + " (unescaped quote in value)");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static List<String> splitOutsideQuotes(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quoted && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
