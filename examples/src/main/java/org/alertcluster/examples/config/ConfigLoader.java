package org.alertcluster.examples.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the subset of {@code alertmanager.yml} this host needs, so that one file configures both
 * Alertmanager and a replica: {@code global.resolve_timeout}, {@code route} ({@code receiver},
 * {@code group_by}, {@code group_wait}, {@code group_interval}, {@code repeat_interval}) and
 * {@code receivers} with {@code webhook_configs} ({@code url}, {@code send_resolved}). Anything else
 * is ignored with a warning (nested routes, other integrations, inhibit rules, templates). Invalid
 * values are refused with a message naming the line, read from snakeyaml's node marks.
 */
public final class ConfigLoader {

  private final List<String> warnings = new ArrayList<>();

  private ConfigLoader() {}

  /**
   * Reads a configuration file.
   *
   * @param file the file
   * @return the configuration
   * @throws ConfigException if it cannot be read or is invalid
   */
  public static AlertmanagerConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    try {
      return parse(text);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }

  /**
   * Parses configuration text.
   *
   * @param text YAML
   * @return the configuration
   * @throws ConfigException if it is invalid
   */
  public static AlertmanagerConfig parse(String text) throws ConfigException {
    return new ConfigLoader().read(text);
  }

  private AlertmanagerConfig read(String text) throws ConfigException {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
    } catch (YAMLException e) {
      throw new ConfigException("invalid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ConfigException("the configuration is empty: it needs a route and receivers");
    }
    MappingNode top = mapping(root, "the configuration");
    Duration resolveTimeout = Duration.ofMinutes(5);
    RouteConfig route = null;
    Node routeReceiverNode = null;
    List<ReceiverConfig> receivers = null;
    for (NodeTuple t : top.getValue()) {
      String key = key(t);
      switch (key) {
        case "global" -> {
          for (NodeTuple g : mapping(t.getValueNode(), "global").getValue()) {
            if (key(g).equals("resolve_timeout")) {
              resolveTimeout = positiveDuration(g.getValueNode(), "global.resolve_timeout");
            } else {
              warn(g.getKeyNode(), "global." + key(g) + " is not used by this host; ignored");
            }
          }
        }
        case "route" -> {
          route = route(t.getValueNode());
          routeReceiverNode = findValue(mapping(t.getValueNode(), "route"), "receiver");
        }
        case "receivers" -> receivers = receivers(t.getValueNode());
        default -> warn(t.getKeyNode(), "section " + key + " is not supported by this host; ignored");
      }
    }
    if (route == null) {
      throw new ConfigException("line " + line(top) + ": no route section");
    }
    if (receivers == null || receivers.isEmpty()) {
      throw new ConfigException("line " + line(top) + ": no receivers section");
    }
    String wanted = route.receiver();
    if (receivers.stream().noneMatch(r -> r.name().equals(wanted))) {
      throw new ConfigException("line " + line(routeReceiverNode) + ": route.receiver \"" + wanted
          + "\" is not defined in receivers");
    }
    return new AlertmanagerConfig(route, receivers, resolveTimeout, text, warnings);
  }

  private RouteConfig route(Node node) throws ConfigException {
    MappingNode m = mapping(node, "route");
    String receiver = null;
    List<String> groupBy = List.of();
    Duration wait = RouteConfig.DEFAULT_GROUP_WAIT;
    Duration interval = RouteConfig.DEFAULT_GROUP_INTERVAL;
    Duration repeat = RouteConfig.DEFAULT_REPEAT_INTERVAL;
    for (NodeTuple t : m.getValue()) {
      Node v = t.getValueNode();
      switch (key(t)) {
        case "receiver" -> receiver = string(v, "route.receiver");
        case "group_by" -> groupBy = groupBy(v);
        case "group_wait" -> wait = duration(v, "route.group_wait");
        case "group_interval" -> interval = positiveDuration(v, "route.group_interval");
        case "repeat_interval" -> repeat = positiveDuration(v, "route.repeat_interval");
        case "routes" -> warn(t.getKeyNode(), "nested routes are not supported; every alert goes to the "
            + "top-level route's receiver");
        default -> warn(t.getKeyNode(), "route." + key(t) + " is not supported; ignored");
      }
    }
    if (receiver == null || receiver.isEmpty()) {
      throw new ConfigException("line " + line(m) + ": route has no receiver");
    }
    return new RouteConfig(receiver, groupBy, wait, interval, repeat);
  }

  private List<String> groupBy(Node v) throws ConfigException {
    if (!(v instanceof SequenceNode seq)) {
      throw new ConfigException("line " + line(v) + ": route.group_by must be a list of label names");
    }
    List<String> out = new ArrayList<>();
    for (Node n : seq.getValue()) {
      String name = string(n, "route.group_by");
      if (!name.equals("...") && !org.alertcluster.examples.model.Matcher.LABEL_NAME.matcher(name).matches()) {
        throw new ConfigException("line " + line(n) + ": invalid label name \"" + name + "\" in route.group_by");
      }
      out.add(name);
    }
    if (out.contains("...") && out.size() > 1) {
      throw new ConfigException("line " + line(v) + ": route.group_by: '...' must be the only element");
    }
    return out;
  }

  private List<ReceiverConfig> receivers(Node node) throws ConfigException {
    if (!(node instanceof SequenceNode seq)) {
      throw new ConfigException("line " + line(node) + ": receivers must be a list");
    }
    List<ReceiverConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node item : seq.getValue()) {
      MappingNode m = mapping(item, "a receiver");
      String name = null;
      List<WebhookConfig> hooks = new ArrayList<>();
      for (NodeTuple t : m.getValue()) {
        String k = key(t);
        if (k.equals("name")) {
          name = string(t.getValueNode(), "receiver name");
        } else if (k.equals("webhook_configs")) {
          if (!(t.getValueNode() instanceof SequenceNode hs)) {
            throw new ConfigException("line " + line(t.getValueNode()) + ": webhook_configs must be a list");
          }
          for (Node h : hs.getValue()) {
            hooks.add(webhook(h));
          }
        } else {
          warn(t.getKeyNode(), "receiver field " + k + " is not supported (only webhook_configs); ignored");
        }
      }
      if (name == null || name.isEmpty()) {
        throw new ConfigException("line " + line(m) + ": receiver has no name");
      }
      if (!names.add(name)) {
        throw new ConfigException("line " + line(m) + ": receiver \"" + name + "\" is defined twice");
      }
      out.add(new ReceiverConfig(name, hooks));
    }
    return out;
  }

  private WebhookConfig webhook(Node node) throws ConfigException {
    MappingNode m = mapping(node, "a webhook config");
    URI url = null;
    boolean sendResolved = true;
    for (NodeTuple t : m.getValue()) {
      Node v = t.getValueNode();
      switch (key(t)) {
        case "url" -> url = url(v);
        case "send_resolved" -> {
          String s = string(v, "send_resolved");
          if (!s.equals("true") && !s.equals("false")) {
            throw new ConfigException("line " + line(v) + ": send_resolved must be true or false, not \"" + s + "\"");
          }
          sendResolved = Boolean.parseBoolean(s);
        }
        default -> warn(t.getKeyNode(), "webhook_configs field " + key(t) + " is not supported; ignored");
      }
    }
    if (url == null) {
      throw new ConfigException("line " + line(m) + ": webhook config has no url");
    }
    return new WebhookConfig(url, sendResolved);
  }

  private URI url(Node v) throws ConfigException {
    String s = string(v, "url");
    try {
      URI u = new URI(s);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new ConfigException("line " + line(v) + ": url \"" + s + "\" must be an absolute http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ConfigException("line " + line(v) + ": invalid url \"" + s + "\": " + e.getReason());
    }
  }

  private Duration duration(Node v, String what) throws ConfigException {
    String s = string(v, what);
    try {
      return Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("line " + line(v) + ": " + what + ": " + e.getMessage());
    }
  }

  private Duration positiveDuration(Node v, String what) throws ConfigException {
    Duration d = duration(v, what);
    if (d.isZero()) {
      throw new ConfigException("line " + line(v) + ": " + what + " cannot be zero");
    }
    return d;
  }

  private static MappingNode mapping(Node n, String what) throws ConfigException {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw new ConfigException("line " + line(n) + ": " + what + " must be a mapping");
  }

  private static String string(Node n, String what) throws ConfigException {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    throw new ConfigException("line " + line(n) + ": " + what + " must be a single value");
  }

  private static String key(NodeTuple t) throws ConfigException {
    return string(t.getKeyNode(), "a key");
  }

  private static Node findValue(MappingNode m, String key) throws ConfigException {
    for (NodeTuple t : m.getValue()) {
      if (key(t).equals(key)) {
        return t.getValueNode();
      }
    }
    return m;
  }

  private void warn(Node at, String message) {
    warnings.add("line " + line(at) + ": " + message);
  }

  private static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }
}
