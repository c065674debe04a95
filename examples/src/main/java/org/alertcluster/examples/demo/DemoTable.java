package org.alertcluster.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's live console table: one row per replica, read from its {@code /api/v2/cluster/stats},
 * plus the notifications the webhook sink received per group and the latest events.
 */
final class DemoTable {

  private static final String HEADER = String.format("%-10s %-8s %-9s %-7s %-8s %-9s %-6s %-6s %-5s %-7s",
      "replica", "process", "status", "members", "position", "silences", "nflog", "alerts", "sent", "deduped");

  private final List<ReplicaProcess> replicas;
  private final DemoSink sink;
  private final List<String> events = new ArrayList<>();
  /** The last stats each replica answered with, so a killed replica still shows what it did. */
  private final Map<String, JsonNode> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();
  private final boolean ansi;
  private final long startNanos = System.nanoTime();

  DemoTable(List<ReplicaProcess> replicas, DemoSink sink, boolean ansi) {
    this.replicas = replicas;
    this.sink = sink;
    this.ansi = ansi;
  }

  synchronized void event(String text) {
    String line = String.format("[%5.1fs] %s", (System.nanoTime() - startNanos) / 1e9, text);
    events.add(line);
    if (!ansi) {
      System.out.println(line);
    }
  }

  /** Renders the table; with ANSI the screen is redrawn in place, else it is appended. */
  synchronized void print(PrintStream out) {
    StringBuilder b = new StringBuilder();
    if (ansi) {
      b.append("\033[H\033[2J");
    }
    b.append("alertcluster demo: three replicas, one webhook, each notification sent once\n\n");
    b.append(render()).append('\n');
    if (ansi) {
      int from = Math.max(0, events.size() - 12);
      for (String e : events.subList(from, events.size())) {
        b.append(e).append('\n');
      }
    }
    out.print(b);
    out.flush();
  }

  String render() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (ReplicaProcess r : replicas) {
      JsonNode s = r.alive() && r.listening() ? DemoHttp.getJson(r.api() + "/api/v2/cluster/stats") : null;
      String process = r.killed() ? "KILLED" : r.alive() ? "up" : "down";
      String status;
      if (s != null) {
        lastSeen.put(r.name, s);
        status = s.path("status").asText();
      } else {
        s = lastSeen.get(r.name);
        status = "(last)";
      }
      if (s == null) {
        b.append(String.format("%-10s %-8s %-9s%n", r.name, process, "-"));
        continue;
      }
      b.append(String.format("%-10s %-8s %-9s %-7d %-8d %-9s %-6d %-6d %-5d %-7d%n", r.name, process,
          status, s.path("clusterSize").asInt(), s.path("position").asInt(),
          s.path("activeSilences").asInt() + "/" + s.path("silences").asInt(), s.path("nflogEntries").asInt(),
          s.path("alerts").asInt(), s.at("/notifications/sent").asInt(), s.at("/notifications/deduplicated").asInt()));
    }
    b.append("\nwebhook received (firing notifications per alert group): ");
    Map<String, Integer> counts = sink.counts();
    b.append(counts.isEmpty() ? "none yet" : counts.toString()).append('\n');
    return b.toString();
  }
}
