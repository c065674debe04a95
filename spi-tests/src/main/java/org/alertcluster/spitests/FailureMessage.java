package org.alertcluster.spitests;

/**
 * Builds the failure message of a rule: which rule, for which implementation, what broke, how to
 * replay it, and what to check. Every line is labelled so that a CI log is readable on its own.
 */
final class FailureMessage {

  private final StringBuilder text = new StringBuilder();
  private final String hint;

  private FailureMessage(String ruleId, String ruleText, String hint, String subject) {
    this.hint = hint;
    text.append("Rule ").append(ruleId).append(" violated: ").append(ruleText)
        .append("\n  subject:   ").append(subject);
  }

  static FailureMessage builder(StateRule rule, String subject) {
    return new FailureMessage(rule.id(), rule.text(), rule.hint(), subject);
  }

  static FailureMessage builder(PeerRule rule, String subject) {
    return new FailureMessage(rule.id(), rule.text(), rule.hint(), subject);
  }

  FailureMessage line(String label, String value) {
    text.append("\n  ").append(label).append(':').append(" ".repeat(Math.max(1, 10 - label.length())))
        .append(value);
    return this;
  }

  String build() {
    return text + "\n  check:     " + hint;
  }
}
