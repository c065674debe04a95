package org.alertcluster.examples.config;

import static org.alertcluster.examples.config.YamlNodes.line;
import static org.alertcluster.examples.config.YamlNodes.mapping;
import static org.alertcluster.examples.config.YamlNodes.sequence;
import static org.alertcluster.examples.config.YamlNodes.string;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code alertmanager.yml} strictly, so that one file never means two things: what this host
 * implements is read (see {@link AlertmanagerConfig}), what Alertmanager 0.25 knows but this host
 * does not implement is refused with the reason, and an unknown or repeated field is refused as
 * Alertmanager refuses it. Every error names the line at fault, from snakeyaml's node marks.
 */
public final class ConfigLoader {

  private static final Set<String> TOP = Set.of("global", "route", "receivers", "inhibit_rules", "templates");
  private static final Map<String, String> TOP_REFUSED = Map.of(
      "time_intervals", "time-based muting is not implemented",
      "mute_time_intervals", "time-based muting is not implemented");
  /** Global defaults that only email, Slack, PagerDuty … receivers read; those receivers are refused. */
  private static final Set<String> GLOBAL = Set.of("resolve_timeout", "http_config",
      "smtp_from", "smtp_hello", "smtp_smarthost", "smtp_auth_username", "smtp_auth_password",
      "smtp_auth_password_file", "smtp_auth_secret", "smtp_auth_identity", "smtp_require_tls",
      "slack_api_url", "slack_api_url_file", "victorops_api_key", "victorops_api_key_file",
      "victorops_api_url", "pagerduty_url", "opsgenie_api_key", "opsgenie_api_key_file",
      "opsgenie_api_url", "wechat_api_url", "wechat_api_secret", "wechat_api_corp_id",
      "telegram_api_url", "webex_api_url");
  private static final Set<String> GLOBAL_SECRETS = Set.of("smtp_auth_password", "smtp_auth_secret",
      "slack_api_url", "victorops_api_key", "opsgenie_api_key", "wechat_api_secret");
  private static final Set<String> RECEIVER = Set.of("name", "webhook_configs");
  private static final Map<String, String> RECEIVER_REFUSED = Map.ofEntries(
      Map.entry("email_configs", "only webhook_configs are implemented"),
      Map.entry("pagerduty_configs", "only webhook_configs are implemented"),
      Map.entry("slack_configs", "only webhook_configs are implemented"),
      Map.entry("opsgenie_configs", "only webhook_configs are implemented"),
      Map.entry("wechat_configs", "only webhook_configs are implemented"),
      Map.entry("pushover_configs", "only webhook_configs are implemented"),
      Map.entry("victorops_configs", "only webhook_configs are implemented"),
      Map.entry("sns_configs", "only webhook_configs are implemented"),
      Map.entry("telegram_configs", "only webhook_configs are implemented"),
      Map.entry("webex_configs", "only webhook_configs are implemented"),
      Map.entry("discord_configs", "only webhook_configs are implemented"),
      Map.entry("msteams_configs", "only webhook_configs are implemented"));
  private static final Set<String> WEBHOOK = Set.of("url", "url_file", "send_resolved", "http_config", "max_alerts");

  private final YamlNodes nodes = new YamlNodes();
  private final List<String> warnings = new ArrayList<>();

  private ConfigLoader() {}

  /**
   * Reads a configuration file.
   *
   * @param file the file
   * @return the configuration
   * @throws ConfigException if it cannot be read or is invalid, as {@code <file>: <reason>}
   *     ({@code alertmanager.yml: line 3: field grop_by not found in route}, {@code x.yml: no such
   *     file}); the replica prints it after {@code --config.file=}
   */
  public static AlertmanagerConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      // the JDK's message is only the path: say what is wrong
      throw new ConfigException(file + ": no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ConfigException(file + ": permission denied");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage());
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
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw new ConfigException("invalid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ConfigException("the configuration is empty: it needs a route and receivers");
    }
    MappingNode top = mapping(root, "the configuration");
    Map<String, Node> f = nodes.fields(top, "the configuration", TOP, TOP_REFUSED);
    Duration resolveTimeout = Duration.ofMinutes(5);
    HttpClientConfig globalHttp = HttpClientConfig.DEFAULT;
    if (f.containsKey("global")) {
      Map<String, Node> g = nodes.fields(mapping(f.get("global"), "global"), "global", GLOBAL, Map.of());
      if (g.containsKey("resolve_timeout")) {
        resolveTimeout = RouteReader.positiveDuration(g.get("resolve_timeout"), "global.resolve_timeout");
      }
      if (g.containsKey("http_config")) {
        globalHttp = new HttpConfigReader(nodes).read(g.get("http_config"), "global.http_config");
      }
      for (String s : GLOBAL_SECRETS) {
        if (g.containsKey(s)) {
          nodes.secret(g.get(s));
        }
      }
    }
    if (f.containsKey("templates")) {
      // Templates shape only the messages of email, Slack … integrations; webhook bodies are fixed JSON,
      // in Alertmanager too. Read as a list of strings so a typo'd shape is still refused.
      YamlNodes.strings(f.get("templates"), "templates");
    }
    if (!f.containsKey("route")) {
      throw new ConfigException("line " + line(top) + ": no route section");
    }
    if (!f.containsKey("receivers")) {
      throw new ConfigException("line " + line(top) + ": no receivers section");
    }
    List<ReceiverConfig> receivers = receivers(f.get("receivers"), globalHttp);
    if (receivers.isEmpty()) {
      throw new ConfigException("line " + line(f.get("receivers")) + ": no receivers defined");
    }
    Set<String> names = new HashSet<>();
    receivers.forEach(r -> names.add(r.name()));
    RouteConfig route = new RouteReader(names).root(f.get("route"));
    List<InhibitRule> inhibit = f.containsKey("inhibit_rules")
        ? RouteReader.inhibitRules(f.get("inhibit_rules")) : List.of();
    return new AlertmanagerConfig(route, receivers, inhibit, resolveTimeout, nodes.masked(text),
        hash(text), warnings);
  }

  private List<ReceiverConfig> receivers(Node node, HttpClientConfig globalHttp) throws ConfigException {
    SequenceNode seq = sequence(node, "receivers");
    List<ReceiverConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node item : seq.getValue()) {
      MappingNode m = mapping(item, "a receiver");
      Map<String, Node> f = nodes.fields(m, "receiver", RECEIVER, RECEIVER_REFUSED);
      String name = f.containsKey("name") ? string(f.get("name"), "receiver name") : "";
      if (name.isEmpty()) {
        throw new ConfigException("line " + line(m) + ": missing name in receiver");
      }
      if (!names.add(name)) {
        throw new ConfigException("line " + line(m) + ": receiver \"" + name + "\" is defined twice");
      }
      List<WebhookConfig> hooks = new ArrayList<>();
      if (f.containsKey("webhook_configs")) {
        for (Node h : sequence(f.get("webhook_configs"), "webhook_configs").getValue()) {
          hooks.add(webhook(h, globalHttp));
        }
      }
      out.add(new ReceiverConfig(name, hooks));
    }
    return out;
  }

  private WebhookConfig webhook(Node node, HttpClientConfig globalHttp) throws ConfigException {
    MappingNode m = mapping(node, "a webhook config");
    Map<String, Node> f = nodes.fields(m, "webhook_configs", WEBHOOK, Map.of());
    URI url;
    if (f.containsKey("url") && f.containsKey("url_file")) {
      throw new ConfigException("line " + line(m) + ": at most one of url & url_file must be configured");
    } else if (f.containsKey("url")) {
      // Not a secret in Alertmanager 0.25: its /api/v2/status shows the URL, and amtool refuses "<secret>" there.
      url = url(f.get("url"));
    } else if (f.containsKey("url_file")) {
      Node v = f.get("url_file");
      String file = string(v, "url_file");
      try {
        url = url(Files.readString(Path.of(file), StandardCharsets.UTF_8).trim(), v);
      } catch (IOException e) {
        throw new ConfigException("line " + line(v) + ": url_file " + file + " cannot be read: " + e.getMessage());
      }
    } else {
      throw new ConfigException("line " + line(m) + ": one of url or url_file must be configured");
    }
    boolean sendResolved = !f.containsKey("send_resolved") || YamlNodes.bool(f.get("send_resolved"), "send_resolved");
    int maxAlerts = 0;
    if (f.containsKey("max_alerts")) {
      String s = string(f.get("max_alerts"), "max_alerts");
      try {
        maxAlerts = Integer.parseInt(s);
        if (maxAlerts < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ConfigException("line " + line(f.get("max_alerts")) + ": max_alerts must be a non-negative integer, not \"" + s + "\"");
      }
    }
    HttpClientConfig http = f.containsKey("http_config")
        ? new HttpConfigReader(nodes).read(f.get("http_config"), "http_config") : globalHttp;
    return new WebhookConfig(url, sendResolved, maxAlerts, http);
  }

  private static URI url(Node v) throws ConfigException {
    return url(string(v, "url"), v);
  }

  static URI url(String s, Node v) throws ConfigException {
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

  /** Alertmanager's {@code alertmanager_config_hash}: the first 6 bytes of the MD5, little-endian. */
  static double hash(String text) {
    try {
      byte[] sum = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 5; i >= 0; i--) {
        v = (v << 8) | (sum[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has MD5
    }
  }
}
