package org.alertcluster.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;

/**
 * The text of each command for one peer, as plain aligned columns (what {@code bundle:list} looks
 * like), so that the output reads the same over ssh, in the local console and in a log.
 */
public final class PeerReport {

  private PeerReport() {}

  /**
   * The heading line of every report: {@code Peer NAME in cluster CLUSTER at ADDRESS: STATUS}.
   *
   * @param peer the peer
   * @return the line
   */
  public static String heading(Peer peer) {
    return "Peer " + peer.name() + " in cluster " + peer.config().clusterName() + " at "
        + peer.self().address() + ": " + settleState(peer.status());
  }

  /**
   * The settle state in words.
   *
   * @param status a status
   * @return {@code settling}, {@code ready}, {@code ready (settle timeout passed)} or {@code left}
   */
  public static String settleState(PeerStatus status) {
    return switch (status) {
      case SETTLING -> "settling";
      case READY -> "ready";
      case READY_AFTER_TIMEOUT -> "ready (settle timeout passed)";
      case LEFT -> "left";
    };
  }

  /**
   * Members in position order, then failed peers still retried.
   *
   * @param peer the peer
   * @return the table
   */
  public static String members(Peer peer) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Position", "Name", "Address", "Status"});
    List<Member> members = peer.members();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      rows.add(new String[] {Integer.toString(i), m.name(), m.address(),
          m.name().equals(peer.name()) && m.address().equals(peer.self().address()) ? "alive (this peer)" : "alive"});
    }
    for (Member m : peer.failedMembers()) {
      // No name: a known peer that has not joined since the start (Alertmanager's initial failed peer).
      rows.add(new String[] {"-", m.name(), m.address(),
          m.name().isEmpty() ? "not joined yet (retrying)" : "failed (retrying)"});
    }
    return heading(peer) + "\n" + table(rows);
  }

  /**
   * Status and settle state.
   *
   * @param peer the peer
   * @return the table
   */
  public static String status(Peer peer) {
    ClusterMetrics m = peer.metrics();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Field", "Value"});
    rows.add(new String[] {"Name", peer.name()});
    rows.add(new String[] {"Cluster", peer.config().clusterName()});
    rows.add(new String[] {"Address", peer.self().address()});
    rows.add(new String[] {"Status", peer.status().name()});
    rows.add(new String[] {"Settle state", settleState(peer.status())});
    rows.add(new String[] {"Members", Long.toString(m.get(ClusterMetric.MEMBERS))});
    rows.add(new String[] {"Position", Long.toString(m.get(ClusterMetric.POSITION))});
    rows.add(new String[] {"Failed peers", Long.toString(m.get(ClusterMetric.FAILED_PEERS))});
    rows.add(new String[] {"Known peers", String.join(", ", peer.config().knownPeers())});
    return heading(peer) + "\n" + table(rows);
  }

  /**
   * The registered State keys with their marshalled size.
   *
   * @param peer the peer
   * @return the table
   */
  public static String states(Peer peer) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Key", "Bytes"});
    for (Map.Entry<String, Integer> e : peer.stateSizes().entrySet()) {
      rows.add(new String[] {e.getKey(), e.getValue() < 0 ? "marshal failed" : e.getValue().toString()});
    }
    return heading(peer) + "\n" + (rows.size() == 1 ? "(no State registered)\n" : table(rows));
  }

  /**
   * Every declared metric under its Prometheus name.
   *
   * @param peer the peer
   * @return the table
   */
  public static String metrics(Peer peer) {
    ClusterMetrics snapshot = peer.metrics();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Metric", "Value"});
    for (ClusterMetric m : ClusterMetric.values()) {
      String labels = m.labels().isEmpty() ? "" : m.labels().entrySet().stream()
          .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
          .collect(Collectors.joining(",", "{", "}"));
      rows.add(new String[] {m.prometheusName() + labels, Long.toString(snapshot.get(m))});
    }
    return heading(peer) + "\n" + table(rows);
  }

  static String table(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      appendRow(b, rows.get(i), width);
      if (i == 0) {
        String[] rule = new String[cols];
        for (int c = 0; c < cols; c++) {
          rule[c] = "-".repeat(width[c]);
        }
        appendRow(b, rule, width);
      }
    }
    return b.toString();
  }

  private static void appendRow(StringBuilder b, String[] row, int[] width) {
    for (int c = 0; c < row.length; c++) {
      b.append(c == row.length - 1 ? row[c] : String.format("%-" + width[c] + "s | ", row[c]));
    }
    b.append('\n');
  }
}
