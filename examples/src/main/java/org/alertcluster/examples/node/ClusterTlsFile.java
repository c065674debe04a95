package org.alertcluster.examples.node;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.alertcluster.api.TlsConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Alertmanager's {@code --cluster.tls-config} file as it is, into a {@link TlsConfig}:
 * <pre>
 * tls_server_config:                 # exporter-toolkit web.TLSConfig
 *   cert_file: node.crt              # → certificateFile
 *   key_file: node.key               # → keyFile
 *   client_auth_type: RequireAndVerifyClientCert   # → clientAuth (see below)
 *   client_ca_file: ca.crt           # → caFile
 * tls_client_config:                 # prometheus/common config.TLSConfig
 *   cert_file: node.crt              # must be the server's: a peer has one certificate
 *   key_file: node.key
 *   ca_file: ca.crt                  # → caFile (the same anchors both ways)
 *   server_name: alertmanager.svc    # → serverName
 *   insecure_skip_verify: false      # → insecureSkipVerify
 * </pre>
 * Strict like Alertmanager's {@code UnmarshalStrict}: an unknown key is an error, with
 * Alertmanager's messages for a missing or null section. {@code client_auth_type} keeps
 * Alertmanager's meaning, including its default {@code NoClientCert} (anyone may join: a warning is
 * returned); {@code RequireAndVerifyClientCert} or {@code RequireAnyClientCert} give mutual TLS.
 * Relative paths are resolved against the file's directory. Options that the JDK picks
 * ({@code min_version} TLS12, {@code max_version} TLS13) are accepted at those values; cipher suite,
 * curve and SAN allow-list options are refused with a message rather than silently ignored.
 */
public final class ClusterTlsFile {

  private static final Set<String> SERVER_KEYS = Set.of("cert_file", "key_file",
      "client_auth_type", "client_ca_file", "min_version", "max_version");
  private static final Set<String> CLIENT_KEYS = Set.of("cert_file", "key_file", "ca_file",
      "server_name", "insecure_skip_verify", "min_version", "max_version");
  private static final Set<String> UNSUPPORTED = Set.of("cert", "key", "client_ca",
      "cipher_suites", "prefer_server_cipher_suites", "curve_preferences", "client_allowed_sans",
      "ca");

  /** The result: the TLS settings and warnings worth logging. */
  public record Result(TlsConfig tls, java.util.List<String> warnings) {}

  private ClusterTlsFile() {}

  /**
   * Reads and validates the file, including the certificate and key files it names.
   *
   * @param file the YAML file
   * @return the TLS configuration
   * @throws UsageException naming the file, the key and the reason
   */
  public static Result load(Path file) throws UsageException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw error(file, "cannot read the file: " + e.getMessage());
    }
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw error(file, "invalid YAML: " + e.getMessage());
    }
    if (!(root instanceof MappingNode top)) {
      throw error(file, "missing 'tls_server_config' entry in the TLS configuration");
    }
    Map<String, Node> sections = entries(file, top, "", Set.of("tls_server_config",
        "tls_client_config"));
    Node server = sections.get("tls_server_config");
    if (server == null || isNull(server)) {
      throw error(file, "missing 'tls_server_config' entry in the TLS configuration");
    }
    if (sections.containsKey("tls_client_config") && isNull(sections.get("tls_client_config"))) {
      throw error(file, "missing 'tls_client_config' entry in the TLS configuration");
    }
    Map<String, String> s = scalars(file, server, "tls_server_config", SERVER_KEYS);
    Map<String, String> c = sections.containsKey("tls_client_config")
        ? scalars(file, sections.get("tls_client_config"), "tls_client_config", CLIENT_KEYS)
        : Map.of();
    Path base = file.toAbsolutePath().getParent();
    java.util.List<String> warnings = new java.util.ArrayList<>();

    String cert = path(base, s.get("cert_file"));
    String key = path(base, s.get("key_file"));
    if (cert.isEmpty()) {
      throw error(file, "invalid TLS server config: missing one of cert or cert_file");
    }
    if (key.isEmpty()) {
      throw error(file, "invalid TLS server config: missing one of key or key_file");
    }
    String clientCert = path(base, c.get("cert_file"));
    String clientKey = path(base, c.get("key_file"));
    if ((!clientCert.isEmpty() && !sameFile(clientCert, cert))
        || (!clientKey.isEmpty() && !sameFile(clientKey, key))) {
      throw error(file, "tls_client_config.cert_file/key_file must be the same files as"
          + " tls_server_config's: a peer presents one certificate in both directions (give it"
          + " both the serverAuth and clientAuth usages)");
    }
    String clientCa = path(base, s.get("client_ca_file"));
    String ca = path(base, c.get("ca_file"));
    if (!clientCa.isEmpty() && !ca.isEmpty() && !sameFile(clientCa, ca)) {
      throw error(file, "tls_server_config.client_ca_file and tls_client_config.ca_file must be"
          + " the same file: one set of trust anchors verifies peers both ways");
    }
    String authType = s.getOrDefault("client_auth_type", "");
    if (!clientCa.isEmpty() && authType.isEmpty()) {
      throw error(file, "invalid TLS server config: client CA's have been configured without a"
          + " Client Auth Policy");
    }
    TlsConfig.ClientAuth auth = switch (authType) {
      case "", "NoClientCert" -> TlsConfig.ClientAuth.NONE;
      case "RequestClientCert", "VerifyClientCertIfGiven" -> TlsConfig.ClientAuth.VERIFY_IF_GIVEN;
      case "RequireAnyClientCert", "RequireClientCert", "RequireAndVerifyClientCert" ->
          TlsConfig.ClientAuth.REQUIRE;
      default -> throw error(file, "invalid TLS server config: invalid ClientAuth: " + authType);
    };
    if (auth != TlsConfig.ClientAuth.REQUIRE) {
      warnings.add("cluster TLS: client_auth_type " + (authType.isEmpty() ? "NoClientCert (the"
          + " default)" : authType) + " lets a peer without a certificate join the cluster; use"
          + " RequireAndVerifyClientCert");
    }
    boolean skip = Boolean.parseBoolean(c.getOrDefault("insecure_skip_verify", "false"));
    for (Map<String, String> section : java.util.List.of(s, c)) {
      String min = section.getOrDefault("min_version", "TLS12");
      String max = section.getOrDefault("max_version", "TLS13");
      if (!min.equals("TLS12") || !max.equals("TLS13")) {
        throw error(file, "min_version/max_version other than TLS12/TLS13 are not supported:"
            + " peers speak TLS 1.2 and 1.3");
      }
    }
    try {
      TlsConfig tls = TlsConfig.builder()
          .certificateFile(cert)
          .keyFile(key)
          .caFile(clientCa.isEmpty() ? ca : clientCa)
          .clientAuth(auth)
          .serverName(c.getOrDefault("server_name", ""))
          .insecureSkipVerify(skip)
          .build();
      return new Result(tls, warnings);
    } catch (IllegalArgumentException e) {
      throw error(file, e.getMessage());
    }
  }

  private static boolean sameFile(String a, String b) {
    try {
      return Path.of(a).toRealPath().equals(Path.of(b).toRealPath());
    } catch (IOException e) {
      return Path.of(a).normalize().equals(Path.of(b).normalize());
    }
  }

  private static String path(Path base, String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    Path p = Path.of(value);
    return (p.isAbsolute() || base == null ? p : base.resolve(p)).toString();
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static Map<String, Node> entries(Path file, MappingNode m, String where,
      Set<String> allowed) throws UsageException {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String k = t.getKeyNode() instanceof ScalarNode sk ? sk.getValue() : String.valueOf(t);
      String name = where.isEmpty() ? k : where + "." + k;
      if (UNSUPPORTED.contains(k)) {
        throw error(file, name + " is not supported: give certificates as files (cert_file,"
            + " key_file, client_ca_file/ca_file); cipher suites and curves are the JDK's");
      }
      if (!allowed.contains(k)) {
        throw error(file, "line " + (t.getKeyNode().getStartMark().getLine() + 1) + ": field " + k
            + " not found in " + (where.isEmpty() ? "the TLS configuration" : where));
      }
      out.put(k, t.getValueNode());
    }
    return out;
  }

  private static Map<String, String> scalars(Path file, Node node, String where,
      Set<String> allowed) throws UsageException {
    if (!(node instanceof MappingNode m)) {
      throw error(file, where + " must be a mapping");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : entries(file, m, where, allowed).entrySet()) {
      if (!(e.getValue() instanceof ScalarNode sc)) {
        throw error(file, where + "." + e.getKey() + " must be a single value");
      }
      out.put(e.getKey(), sc.getTag().equals(Tag.NULL) ? "" : sc.getValue());
    }
    return out;
  }

  private static UsageException error(Path file, String message) {
    return new UsageException("invalid --cluster.tls-config " + file + ": " + message);
  }
}
