package org.alertcluster.examples.api;

import java.util.ArrayList;
import java.util.List;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.model.MatcherParser;

/**
 * Parses the API's {@code filter} query parameters, e.g. {@code alertname="Disk"},
 * {@code severity=~"crit.*"}, as Alertmanager (and amtool) send them.
 */
final class FilterParser {

  private FilterParser() {}

  static List<Matcher> parse(List<String> filters) {
    List<Matcher> out = new ArrayList<>();
    for (String f : filters) {
      try {
        out.addAll(MatcherParser.parse(f));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(e.getMessage());
      }
    }
    return out;
  }
}
