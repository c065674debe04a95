package org.alertcluster.examples.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.alertcluster.examples.model.Matcher;

/**
 * One {@code inhibit_rules} entry: while an alert matching {@code source} fires, alerts matching
 * {@code target} that have the same values for every {@code equal} label (absent = empty) are muted.
 * An alert matching both sides does not inhibit itself, as in Alertmanager.
 *
 * @param source {@code source_matchers} + {@code source_match} + {@code source_match_re}
 * @param target {@code target_matchers} + {@code target_match} + {@code target_match_re}
 * @param equal {@code equal}: label names whose values must be equal
 */
public record InhibitRule(List<Matcher> source, List<Matcher> target, List<String> equal) {

  /** Copies the lists. */
  public InhibitRule {
    source = List.copyOf(source);
    target = List.copyOf(target);
    equal = List.copyOf(equal);
  }

  /** @return true if the labels match every source matcher */
  public boolean sourceMatches(Map<String, String> labels) {
    return source.stream().allMatch(m -> m.matches(labels));
  }

  /** @return true if the labels match every target matcher */
  public boolean targetMatches(Map<String, String> labels) {
    return target.stream().allMatch(m -> m.matches(labels));
  }

  /** @return true if the two label sets agree on every {@code equal} label */
  public boolean equalLabels(Map<String, String> a, Map<String, String> b) {
    for (String name : equal) {
      if (!Objects.equals(a.getOrDefault(name, ""), b.getOrDefault(name, ""))) {
        return false;
      }
    }
    return true;
  }
}
