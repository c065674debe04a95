package org.alertcluster.examples.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Strict reading of snakeyaml nodes, as Go's {@code yaml.UnmarshalStrict} reads Alertmanager's file:
 * every key must be known, none may repeat, and each error names the line. Also remembers where the
 * secrets are, so that {@code config.original} can show {@code <secret>} in their place.
 */
final class YamlNodes {

  /** Character ranges (start inclusive, end exclusive, in code points) of secret values. */
  private final List<int[]> secrets = new ArrayList<>();

  /**
   * The keys of a mapping, refusing unknown and repeated ones.
   *
   * @param m the mapping
   * @param where the mapping's name in messages, e.g. {@code route}
   * @param allowed the keys Alertmanager 0.25 accepts here that this host implements
   * @param refused keys Alertmanager accepts but this host does not implement → the reason shown
   * @return key → value node
   */
  Map<String, Node> fields(MappingNode m, String where, Set<String> allowed, Map<String, String> refused)
      throws ConfigException {
    Map<String, Node> out = new HashMap<>();
    for (NodeTuple t : m.getValue()) {
      String k = string(t.getKeyNode(), "a key in " + where);
      if (refused.containsKey(k)) {
        throw new ConfigException("line " + line(t.getKeyNode()) + ": " + where + "." + k
            + " is not supported by this replica: " + refused.get(k));
      }
      if (!allowed.contains(k)) {
        throw new ConfigException("line " + line(t.getKeyNode()) + ": field " + k + " not found in " + where
            + " (Alertmanager refuses unknown fields too; known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
      if (out.put(k, t.getValueNode()) != null) {
        throw new ConfigException("line " + line(t.getKeyNode()) + ": " + where + "." + k + " is set twice");
      }
    }
    return out;
  }

  void secret(Node n) {
    if (n instanceof ScalarNode s && !s.getValue().isEmpty()) {
      secrets.add(new int[] {n.getStartMark().getIndex(), n.getEndMark().getIndex()});
    }
  }

  /** @return the text with every secret value replaced by {@code <secret>}, as Alertmanager shows it */
  String masked(String text) {
    if (secrets.isEmpty()) {
      return text;
    }
    int[] cps = text.codePoints().toArray();
    List<int[]> sorted = new ArrayList<>(secrets);
    sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder b = new StringBuilder();
    int pos = 0;
    for (int[] r : sorted) {
      if (r[0] < pos || r[1] > cps.length) {
        continue;
      }
      b.append(new String(cps, pos, r[0] - pos)).append("<secret>");
      pos = r[1];
    }
    b.append(new String(cps, pos, cps.length - pos));
    return b.toString();
  }

  static MappingNode mapping(Node n, String what) throws ConfigException {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw new ConfigException("line " + line(n) + ": " + what + " must be a mapping");
  }

  static SequenceNode sequence(Node n, String what) throws ConfigException {
    if (n instanceof SequenceNode s) {
      return s;
    }
    throw new ConfigException("line " + line(n) + ": " + what + " must be a list");
  }

  static String string(Node n, String what) throws ConfigException {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    throw new ConfigException("line " + line(n) + ": " + what + " must be a single value");
  }

  static boolean bool(Node n, String what) throws ConfigException {
    String s = string(n, what);
    if (!s.equals("true") && !s.equals("false")) {
      throw new ConfigException("line " + line(n) + ": " + what + " must be true or false, not \"" + s + "\"");
    }
    return Boolean.parseBoolean(s);
  }

  static List<String> strings(Node n, String what) throws ConfigException {
    List<String> out = new ArrayList<>();
    for (Node item : sequence(n, what).getValue()) {
      out.add(string(item, what));
    }
    return out;
  }

  static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }
}
