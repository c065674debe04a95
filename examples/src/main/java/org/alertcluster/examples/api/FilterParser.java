package org.alertcluster.examples.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alertcluster.examples.model.Matcher.Type;

/**
 * Parses the API's {@code filter} query parameters, e.g. {@code alertname="Disk"},
 * {@code severity=~"crit.*"}, as Alertmanager (and amtool) send them.
 */
final class FilterParser {

  private static final Pattern MATCHER = Pattern.compile(
      "\\s*\\{?\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\"\\s}]*)\\s*}?\\s*");

  private FilterParser() {}

  static List<org.alertcluster.examples.model.Matcher> parse(List<String> filters) {
    List<org.alertcluster.examples.model.Matcher> out = new ArrayList<>();
    for (String f : filters) {
      Matcher m = MATCHER.matcher(f);
      if (!m.matches()) {
        throw new BadRequestException("bad matcher format: " + f);
      }
      String value = m.group(3);
      if (value.startsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      Type type = switch (m.group(2)) {
        case "=" -> Type.EQUAL;
        case "!=" -> Type.NOT_EQUAL;
        case "=~" -> Type.REGEX;
        default -> Type.NOT_REGEX;
      };
      try {
        out.add(new org.alertcluster.examples.model.Matcher(m.group(1), value, type));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(e.getMessage());
      }
    }
    return out;
  }
}
