package org.alertcluster.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the demo measured at its webhook, checked against what the cluster promises. */
record Verdict(Map<String, Integer> counts, int sentBySurvivors, Map<String, Integer> resolvedCounts) {

  private record Check(boolean ok, String text) {}

  private List<Check> checks() {
    List<Check> out = new ArrayList<>();
    for (String g : Demo.BEFORE_KILL) {
      int n = counts.getOrDefault(g, 0);
      out.add(new Check(n == 1, "group " + g + " (sent to all 3 replicas) notified " + n + "x, expected exactly once"));
    }
    int silenced = counts.getOrDefault(Demo.SILENCED, 0);
    out.add(new Check(silenced == 0, "silenced group " + Demo.SILENCED + " notified " + silenced
        + "x, expected by no replica"));
    for (String g : Demo.AFTER_KILL) {
      int n = counts.getOrDefault(g, 0);
      out.add(new Check(n == 1, "group " + g + " (created after replica-1 was killed) notified " + n
          + "x, expected exactly once by the survivors"));
    }
    for (String g : Demo.BEFORE_KILL) {
      int n = resolvedCounts.getOrDefault(g, 0);
      int expected = g.equals(Demo.RESOLVED) ? 1 : 0;
      out.add(new Check(n == expected, g.equals(Demo.RESOLVED)
          ? "group " + g + " stopped firing: notified resolved " + n + "x, expected exactly once"
          : "group " + g + " (re-sent throughout) notified resolved " + n + "x, expected never"));
    }
    out.add(new Check(sentBySurvivors == Demo.AFTER_KILL.size(), "survivors sent " + sentBySurvivors
        + " notifications after the kill, expected " + Demo.AFTER_KILL.size()));
    return out;
  }

  boolean passed() {
    return checks().stream().allMatch(Check::ok);
  }

  void print(PrintStream out, Duration took) {
    out.println("VERDICT (measured at the webhook):");
    for (Check c : checks()) {
      out.println("  [" + (c.ok() ? "PASS" : "FAIL") + "] " + c.text());
    }
    out.printf("RESULT: %s in %.1f s%n", passed() ? "PASS - every notification sent exactly once across the cluster"
        : "FAIL", took.toMillis() / 1000.0);
  }
}
