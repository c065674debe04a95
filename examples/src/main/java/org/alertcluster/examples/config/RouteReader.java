package org.alertcluster.examples.config;

import static org.alertcluster.examples.config.YamlNodes.line;
import static org.alertcluster.examples.config.YamlNodes.mapping;
import static org.alertcluster.examples.config.YamlNodes.sequence;
import static org.alertcluster.examples.config.YamlNodes.string;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.model.MatcherParser;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the routing tree and the inhibition rules with Alertmanager 0.25's rules: children inherit
 * unset values, the root has a receiver and neither matchers nor {@code continue}, every receiver
 * named exists, {@code match}/{@code match_re}/{@code matchers} combine and are sorted into the
 * route key.
 */
final class RouteReader {

  private static final YamlNodes STRICT = new YamlNodes();
  private static final Set<String> ROUTE = Set.of("receiver", "group_by", "group_wait", "group_interval",
      "repeat_interval", "matchers", "match", "match_re", "continue", "routes");
  private static final Map<String, String> ROUTE_REFUSED = Map.of(
      "mute_time_intervals", "time-based muting is not implemented",
      "active_time_intervals", "time-based muting is not implemented");
  private static final Set<String> INHIBIT = Set.of("source_matchers", "source_match", "source_match_re",
      "target_matchers", "target_match", "target_match_re", "equal");
  private static final Comparator<Matcher> ORDER = Comparator.comparing(Matcher::name)
      .thenComparing(Matcher::value).thenComparing(Matcher::type);

  private final Set<String> receivers;

  RouteReader(Set<String> receivers) {
    this.receivers = receivers;
  }

  RouteConfig root(Node node) throws ConfigException {
    MappingNode m = mapping(node, "route");
    Map<String, Node> f = STRICT.fields(m, "route", ROUTE, ROUTE_REFUSED);
    if (!f.containsKey("receiver")) {
      throw new ConfigException("line " + line(m) + ": root route must specify a default receiver");
    }
    if (f.containsKey("matchers") || f.containsKey("match") || f.containsKey("match_re")) {
      throw new ConfigException("line " + line(m) + ": root route must not have any matchers");
    }
    if (f.containsKey("continue")) {
      throw new ConfigException("line " + line(f.get("continue")) + ": cannot have continue in root route");
    }
    RouteConfig defaults = new RouteConfig("", List.of(), RouteConfig.DEFAULT_GROUP_WAIT,
        RouteConfig.DEFAULT_GROUP_INTERVAL, RouteConfig.DEFAULT_REPEAT_INTERVAL);
    return route(m, f, defaults, null, "route");
  }

  private RouteConfig route(MappingNode m, Map<String, Node> f, RouteConfig parent, String parentKey,
      String where) throws ConfigException {
    String receiver = parent.receiver();
    if (f.containsKey("receiver")) {
      Node v = f.get("receiver");
      receiver = string(v, where + ".receiver");
      if (!receivers.contains(receiver)) {
        throw new ConfigException("line " + line(v) + ": undefined receiver \"" + receiver + "\" used in route");
      }
    }
    List<String> groupBy = f.containsKey("group_by") ? groupBy(f.get("group_by"), where) : parent.groupBy();
    Duration wait = f.containsKey("group_wait") ? duration(f.get("group_wait"), where + ".group_wait") : parent.groupWait();
    Duration interval = f.containsKey("group_interval")
        ? positiveDuration(f.get("group_interval"), where + ".group_interval") : parent.groupInterval();
    Duration repeat = f.containsKey("repeat_interval")
        ? positiveDuration(f.get("repeat_interval"), where + ".repeat_interval") : parent.repeatInterval();
    List<Matcher> matchers = matchers(f, "", where);
    matchers.sort(ORDER);
    boolean cont = f.containsKey("continue") && YamlNodes.bool(f.get("continue"), where + ".continue");
    String key = RouteConfig.keyOf(parentKey, matchers);
    RouteConfig self = new RouteConfig(receiver, groupBy, wait, interval, repeat, matchers, cont, List.of(), key);
    List<RouteConfig> children = new ArrayList<>();
    if (f.containsKey("routes")) {
      int i = 0;
      for (Node c : sequence(f.get("routes"), where + ".routes").getValue()) {
        String childWhere = where + ".routes[" + i++ + "]";
        MappingNode cm = mapping(c, childWhere);
        children.add(route(cm, STRICT.fields(cm, "route", ROUTE, ROUTE_REFUSED), self, key, childWhere));
      }
    }
    return new RouteConfig(receiver, groupBy, wait, interval, repeat, matchers, cont, children, key);
  }

  /** {@code <prefix>matchers}, {@code <prefix>match}, {@code <prefix>match_re}, combined. */
  private static List<Matcher> matchers(Map<String, Node> f, String prefix, String where) throws ConfigException {
    List<Matcher> out = new ArrayList<>();
    if (f.containsKey(prefix + "match")) {
      for (NodeTuple t : mapping(f.get(prefix + "match"), where + "." + prefix + "match").getValue()) {
        out.add(matcher(t, Matcher.Type.EQUAL, where + "." + prefix + "match"));
      }
    }
    if (f.containsKey(prefix + "match_re")) {
      for (NodeTuple t : mapping(f.get(prefix + "match_re"), where + "." + prefix + "match_re").getValue()) {
        out.add(matcher(t, Matcher.Type.REGEX, where + "." + prefix + "match_re"));
      }
    }
    if (f.containsKey(prefix + "matchers")) {
      for (Node n : sequence(f.get(prefix + "matchers"), where + "." + prefix + "matchers").getValue()) {
        String text = string(n, where + "." + prefix + "matchers");
        try {
          out.addAll(MatcherParser.parse(text));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("line " + line(n) + ": " + where + "." + prefix + "matchers: " + e.getMessage());
        }
      }
    }
    return out;
  }

  private static Matcher matcher(NodeTuple t, Matcher.Type type, String where) throws ConfigException {
    String name = string(t.getKeyNode(), where);
    String value = string(t.getValueNode(), where);
    try {
      return new Matcher(name, value, type);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("line " + line(t.getKeyNode()) + ": " + where + ": " + e.getMessage());
    }
  }

  static List<InhibitRule> inhibitRules(Node node) throws ConfigException {
    List<InhibitRule> out = new ArrayList<>();
    int i = 0;
    for (Node n : sequence(node, "inhibit_rules").getValue()) {
      String where = "inhibit_rules[" + i++ + "]";
      Map<String, Node> f = STRICT.fields(mapping(n, where), "inhibit_rules", INHIBIT, Map.of());
      List<String> equal = f.containsKey("equal") ? YamlNodes.strings(f.get("equal"), where + ".equal") : List.of();
      for (String e : equal) {
        if (!Matcher.LABEL_NAME.matcher(e).matches()) {
          throw new ConfigException("line " + line(f.get("equal")) + ": invalid label name \"" + e + "\" in " + where + ".equal");
        }
      }
      out.add(new InhibitRule(matchers(f, "source_", where), matchers(f, "target_", where), equal));
    }
    return out;
  }

  private static List<String> groupBy(Node v, String where) throws ConfigException {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node n : sequence(v, where + ".group_by").getValue()) {
      String name = string(n, where + ".group_by");
      if (!name.equals("...") && !Matcher.LABEL_NAME.matcher(name).matches()) {
        throw new ConfigException("line " + line(n) + ": invalid label name \"" + name + "\" in " + where + ".group_by");
      }
      if (!seen.add(name)) {
        throw new ConfigException("line " + line(n) + ": duplicated label \"" + name + "\" in " + where + ".group_by");
      }
      out.add(name);
    }
    if (out.contains("...") && out.size() > 1) {
      throw new ConfigException("line " + line(v) + ": " + where + ".group_by: '...' must be the only element");
    }
    return out;
  }

  static Duration duration(Node v, String what) throws ConfigException {
    String s = string(v, what);
    try {
      return Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("line " + line(v) + ": " + what + ": " + e.getMessage());
    }
  }

  static Duration positiveDuration(Node v, String what) throws ConfigException {
    Duration d = duration(v, what);
    if (d.isZero()) {
      throw new ConfigException("line " + line(v) + ": " + what + " cannot be zero");
    }
    return d;
  }
}
