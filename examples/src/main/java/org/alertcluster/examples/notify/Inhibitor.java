package org.alertcluster.examples.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.alertcluster.examples.config.InhibitRule;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Fingerprint;

/**
 * Alertmanager's inhibitor: an alert is muted while a firing alert matches a rule's source side, the
 * alert matches its target side, and both agree on the rule's {@code equal} labels. An alert that
 * matches both sides of a rule never inhibits itself (nor, as in Alertmanager, does any alert that
 * matches both sides inhibit another that also does). Evaluated against the alerts this replica
 * holds at the time of asking, as Alertmanager evaluates it at each flush.
 */
public final class Inhibitor {

  /** No rules: nothing is inhibited. */
  public static final Inhibitor NONE = new Inhibitor(List.of(), List::of, Clock.systemUTC());

  private final List<InhibitRule> rules;
  private final Supplier<List<Alert>> alerts;
  private final Clock clock;

  /**
   * @param rules the {@code inhibit_rules}
   * @param alerts the alerts held now (the candidates for sources)
   * @param clock the clock deciding which alerts still fire
   */
  public Inhibitor(List<InhibitRule> rules, Supplier<List<Alert>> alerts, Clock clock) {
    this.rules = List.copyOf(rules);
    this.alerts = alerts;
    this.clock = clock;
  }

  /**
   * The alerts inhibiting a label set.
   *
   * @param labels the target's labels
   * @return the fingerprints (hex) of the firing source alerts that inhibit it; empty if none
   */
  public List<String> inhibitedBy(Map<String, String> labels) {
    if (rules.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<String> out = new ArrayList<>();
    List<Alert> held = null;
    for (InhibitRule r : rules) {
      if (!r.targetMatches(labels)) {
        continue;
      }
      boolean targetIsAlsoSource = r.sourceMatches(labels);
      if (held == null) {
        held = alerts.get();
      }
      for (Alert a : held) {
        if (a.resolvedAt(now) || !r.sourceMatches(a.labels()) || !r.equalLabels(a.labels(), labels)) {
          continue;
        }
        if (targetIsAlsoSource && r.targetMatches(a.labels())) {
          continue; // Alertmanager's excludeTwoSidedMatch
        }
        String fp = Fingerprint.hex(a.fingerprint());
        if (!out.contains(fp)) {
          out.add(fp);
        }
      }
    }
    return out;
  }
}
