package org.alertcluster.examples.config;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Masks secrets in an {@code alertmanager.yml} before it is shown ({@code /api/v2/status}
 * {@code config.original}, hence {@code amtool config show}), as Alertmanager does with its
 * {@code Secret} and {@code SecretURL} types: every value of a secret-typed key becomes
 * {@value #MASK}, wherever it appears (global, {@code http_config} of any receiver, inline TLS keys).
 * Like Alertmanager, the result is the configuration re-written from its parsed form: comments and
 * layout are not kept. {@code *_file} keys name files and stay visible.
 */
public final class SecretMasker {

  /** What a secret is shown as: Alertmanager's marker. */
  public static final String MASK = "<secret>";

  /** Keys whose values are secrets in Alertmanager's configuration types. */
  static final Set<String> SECRET_KEYS = Set.of(
      // http_config (prometheus/common): basic_auth, authorization, oauth2, tls_config, bearer
      "password", "credentials", "bearer_token", "client_secret", "key", "proxy_connect_header",
      // global and receivers
      "smtp_auth_password", "smtp_auth_secret", "auth_password", "auth_secret",
      "slack_api_url", "api_url", "victorops_api_key", "api_key", "opsgenie_api_key",
      "wechat_api_secret", "api_secret", "routing_key", "service_key", "user_key", "token",
      "bot_token", "webhook_url", "secret_key", "telegram_bot_token", "jira_api_token",
      "rocketchat_token", "rocketchat_token_id", "token_id", "access_key");

  /** Keys that are secrets only inside the given list: a webhook's URL may carry credentials. */
  static final Set<String> SECRET_URL_PARENTS = Set.of("webhook_configs");

  private SecretMasker() {}

  /**
   * Returns the configuration with every secret masked.
   *
   * @param yaml the configuration text
   * @return the masked configuration; if the text is not valid YAML, a placeholder that shows
   *     nothing of it
   */
  public static String mask(String yaml) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (YAMLException e) {
      return "# configuration not shown: it is not valid YAML\n";
    }
    if (root == null) {
      return "";
    }
    maskNode(root, null);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    StringWriter out = new StringWriter();
    new Yaml(options).serialize(root, out);
    return out.toString();
  }

  private static void maskNode(Node node, String parentKey) {
    if (node instanceof MappingNode m) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple t : m.getValue()) {
        Node value = t.getValueNode();
        String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
        boolean secret = key != null && (SECRET_KEYS.contains(key)
            || (key.equals("url") && SECRET_URL_PARENTS.contains(parentKey)));
        if (secret && value instanceof ScalarNode s && !s.getValue().isEmpty()) {
          value = new ScalarNode(Tag.STR, MASK, s.getStartMark(), s.getEndMark(),
              DumperOptions.ScalarStyle.PLAIN);
        } else if (secret && !(value instanceof ScalarNode)) {
          // a secret given as a map or list (proxy_connect_header values): mask every scalar
          maskAll(value);
        } else {
          maskNode(value, key);
        }
        tuples.add(new NodeTuple(t.getKeyNode(), value));
      }
      m.setValue(tuples);
    } else if (node instanceof SequenceNode seq) {
      // items of a list keep the list's key as parent: webhook_configs: [ {url: ...} ]
      for (Node item : seq.getValue()) {
        maskNode(item, parentKey);
      }
    }
  }

  private static void maskAll(Node node) {
    if (node instanceof MappingNode m) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple t : m.getValue()) {
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s) {
          v = new ScalarNode(Tag.STR, MASK, s.getStartMark(), s.getEndMark(),
              DumperOptions.ScalarStyle.PLAIN);
        } else {
          maskAll(v);
        }
        tuples.add(new NodeTuple(t.getKeyNode(), v));
      }
      m.setValue(tuples);
    } else if (node instanceof SequenceNode seq) {
      List<Node> items = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (item instanceof ScalarNode s) {
          items.add(new ScalarNode(Tag.STR, MASK, s.getStartMark(), s.getEndMark(),
              DumperOptions.ScalarStyle.PLAIN));
        } else {
          maskAll(item);
          items.add(item);
        }
      }
      // SequenceNode has no setter: its list is mutable
      for (int i = 0; i < items.size(); i++) {
        seq.getValue().set(i, items.get(i));
      }
    }
  }
}
