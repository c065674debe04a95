package org.alertcluster.examples.config;

import static org.alertcluster.examples.config.YamlNodes.line;
import static org.alertcluster.examples.config.YamlNodes.mapping;
import static org.alertcluster.examples.config.YamlNodes.string;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads an {@code http_config} block with Prometheus common's validation rules. */
final class HttpConfigReader {

  private static final Set<String> HTTP = Set.of("authorization", "basic_auth", "bearer_token",
      "bearer_token_file", "tls_config", "proxy_url", "follow_redirects", "enable_http2");
  private static final Map<String, String> HTTP_REFUSED = Map.of("oauth2", "OAuth 2 client credentials are not implemented");
  private static final Set<String> AUTHORIZATION = Set.of("type", "credentials", "credentials_file");
  private static final Set<String> BASIC = Set.of("username", "password", "password_file");
  private static final Set<String> TLS = Set.of("ca_file", "cert_file", "key_file", "insecure_skip_verify", "min_version");
  private static final Map<String, String> TLS_REFUSED = Map.of(
      "server_name", "the JDK's HTTP client verifies the URL's host name; use insecure_skip_verify or a matching URL",
      "ca", "give the CA as ca_file", "cert", "give the certificate as cert_file", "key", "give the key as key_file");
  private static final Set<String> TLS_VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");

  private final YamlNodes nodes;

  HttpConfigReader(YamlNodes nodes) {
    this.nodes = nodes;
  }

  HttpClientConfig read(Node node, String where) throws ConfigException {
    MappingNode m = mapping(node, where);
    Map<String, Node> f = nodes.fields(m, where, HTTP, HTTP_REFUSED);
    Optional<HttpClientConfig.Authorization> auth = Optional.empty();
    Optional<HttpClientConfig.BasicAuth> basic = Optional.empty();
    int schemes = (f.containsKey("basic_auth") ? 1 : 0)
        + (f.containsKey("bearer_token") || f.containsKey("bearer_token_file") ? 1 : 0);
    if (schemes > 1) {
      throw new ConfigException("line " + line(m) + ": " + where
          + ": at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    }
    if (f.containsKey("bearer_token") && f.containsKey("bearer_token_file")) {
      throw new ConfigException("line " + line(m) + ": " + where
          + ": at most one of bearer_token & bearer_token_file must be configured");
    }
    if (f.containsKey("authorization")) {
      if (f.containsKey("bearer_token") || f.containsKey("bearer_token_file")) {
        throw new ConfigException("line " + line(m) + ": " + where + ": authorization is not compatible with bearer_token & bearer_token_file");
      }
      if (f.containsKey("basic_auth")) {
        throw new ConfigException("line " + line(m) + ": " + where + ": at most one of basic_auth, oauth2 & authorization must be configured");
      }
      Node an = f.get("authorization");
      Map<String, Node> a = nodes.fields(mapping(an, where + ".authorization"), where + ".authorization", AUTHORIZATION, Map.of());
      String type = a.containsKey("type") ? string(a.get("type"), "authorization.type") : "Bearer";
      if (type.equalsIgnoreCase("basic")) {
        throw new ConfigException("line " + line(an) + ": " + where + ".authorization: authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
      }
      if (a.containsKey("credentials") && a.containsKey("credentials_file")) {
        throw new ConfigException("line " + line(an) + ": " + where + ".authorization: at most one of credentials & credentials_file must be configured");
      }
      String cred = null;
      if (a.containsKey("credentials")) {
        nodes.secret(a.get("credentials"));
        cred = string(a.get("credentials"), "authorization.credentials");
      }
      Path file = a.containsKey("credentials_file") ? file(a.get("credentials_file"), where + ".authorization.credentials_file") : null;
      auth = Optional.of(new HttpClientConfig.Authorization(type.isEmpty() ? "Bearer" : type, cred, file));
    } else if (f.containsKey("bearer_token")) {
      nodes.secret(f.get("bearer_token"));
      auth = Optional.of(new HttpClientConfig.Authorization("Bearer", string(f.get("bearer_token"), "bearer_token"), null));
    } else if (f.containsKey("bearer_token_file")) {
      auth = Optional.of(new HttpClientConfig.Authorization("Bearer", null, file(f.get("bearer_token_file"), where + ".bearer_token_file")));
    }
    if (f.containsKey("basic_auth")) {
      Node bn = f.get("basic_auth");
      Map<String, Node> b = nodes.fields(mapping(bn, where + ".basic_auth"), where + ".basic_auth", BASIC, Map.of());
      if (b.containsKey("password") && b.containsKey("password_file")) {
        throw new ConfigException("line " + line(bn) + ": " + where + ".basic_auth: at most one of basic_auth password & password_file must be configured");
      }
      String user = b.containsKey("username") ? string(b.get("username"), "basic_auth.username") : "";
      String password = null;
      if (b.containsKey("password")) {
        nodes.secret(b.get("password"));
        password = string(b.get("password"), "basic_auth.password");
      }
      Path file = b.containsKey("password_file") ? file(b.get("password_file"), where + ".basic_auth.password_file") : null;
      basic = Optional.of(new HttpClientConfig.BasicAuth(user, password, file));
    }
    HttpClientConfig.Tls tls = f.containsKey("tls_config") ? tls(f.get("tls_config"), where + ".tls_config") : HttpClientConfig.Tls.DEFAULT;
    Optional<URI> proxy = Optional.empty();
    if (f.containsKey("proxy_url")) {
      Node pn = f.get("proxy_url");
      URI u = ConfigLoader.url(string(pn, where + ".proxy_url"), pn);
      proxy = Optional.of(u);
    }
    boolean follow = !f.containsKey("follow_redirects") || YamlNodes.bool(f.get("follow_redirects"), where + ".follow_redirects");
    if (f.containsKey("enable_http2")) {
      YamlNodes.bool(f.get("enable_http2"), where + ".enable_http2"); // the JDK client negotiates HTTP/2 either way
    }
    return new HttpClientConfig(auth, basic, tls, proxy, follow);
  }

  private HttpClientConfig.Tls tls(Node node, String where) throws ConfigException {
    Map<String, Node> t = nodes.fields(mapping(node, where), where, TLS, TLS_REFUSED);
    Path ca = t.containsKey("ca_file") ? file(t.get("ca_file"), where + ".ca_file") : null;
    Path cert = t.containsKey("cert_file") ? file(t.get("cert_file"), where + ".cert_file") : null;
    Path key = t.containsKey("key_file") ? file(t.get("key_file"), where + ".key_file") : null;
    if ((cert == null) != (key == null)) {
      throw new ConfigException("line " + line(node) + ": " + where + ": client cert file and key file must both be specified");
    }
    boolean insecure = t.containsKey("insecure_skip_verify") && YamlNodes.bool(t.get("insecure_skip_verify"), where + ".insecure_skip_verify");
    String min = null;
    if (t.containsKey("min_version")) {
      min = string(t.get("min_version"), where + ".min_version");
      if (!TLS_VERSIONS.contains(min)) {
        throw new ConfigException("line " + line(t.get("min_version")) + ": " + where + ".min_version: unknown TLS version " + min
            + " (one of TLS10, TLS11, TLS12, TLS13)");
      }
    }
    return new HttpClientConfig.Tls(ca, cert, key, insecure, min);
  }

  /** A file the config names: it must be readable now, as Alertmanager checks at load. */
  private static Path file(Node n, String what) throws ConfigException {
    String s = string(n, what);
    Path p = Path.of(s);
    if (!Files.isReadable(p)) {
      throw new ConfigException("line " + line(n) + ": " + what + " " + s + " cannot be read");
    }
    return p;
  }
}
