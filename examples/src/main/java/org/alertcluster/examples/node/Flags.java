package org.alertcluster.examples.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.HostPort;
import org.alertcluster.examples.api.BuildInfo;
import org.alertcluster.examples.config.Durations;

/**
 * Parses the node's command line, which mirrors Alertmanager's flags ({@code --flag=value} or
 * {@code --flag value}; Go-style durations such as {@code 15s}, {@code 1m}, {@code 1h30m}).
 */
public final class Flags {

  /** Flag name → help text, in the order {@code --help} prints them. */
  static final Map<String, String> HELP = new LinkedHashMap<>();

  static {
    HELP.put("cluster.listen-address", "Listen address for cluster (host:port). Empty string disables HA mode. Default 0.0.0.0:9094 (127.0.0.1:0 with --cluster.preset=loopback)");
    HELP.put("cluster.preset", "Where the other cluster flags' defaults come from: lan (the defaults given here, memberlist's DefaultLANConfig) or loopback (replicas on one machine over 127.0.0.1, as the demo and the tests run: ClusterConfig.loopback(), memberlist's DefaultLocalConfig; shorter join, settle and failure-detection timings, not for a real network). Flags given explicitly override it. Default lan");
    HELP.put("cluster.advertise-address", "Explicit address to advertise in cluster (host:port)");
    HELP.put("cluster.peer", "Initial peer (host:port); repeat for several");
    HELP.put("cluster.peer-name", "Name of this peer in the cluster; default a generated, time-ordered name");
    HELP.put("cluster.label", "Label that isolates this cluster from others on the same network");
    HELP.put("cluster.settle-timeout", "Maximum time to wait for cluster connections to settle before evaluating notifications. Default 1m");
    HELP.put("cluster.pushpull-interval", "Interval for full state syncs between peers. Default 1m");
    HELP.put("cluster.gossip-interval", "Settle polls every 10 x this interval. Default 100ms");
    HELP.put("cluster.reconnect-interval", "Interval between attempts to reconnect to lost peers. Default 10s");
    HELP.put("cluster.reconnect-timeout", "Length of time to attempt to reconnect to a lost peer. Default 6h");
    HELP.put("cluster.peer-timeout", "Time to wait between peers to send notifications. Default 15s");
    HELP.put("cluster.peers-resolve-timeout", "Time to resolve peers. Default 15s");
    HELP.put("cluster.tcp-timeout", "Timeout for full state exchanges. Default 10s");
    HELP.put("cluster.probe-interval", "Interval between failure-detection heartbeats. Default 1s");
    HELP.put("cluster.probe-timeout", "Timeout to verify a suspected peer. Default 500ms");
    HELP.put("cluster.notification-strategy", "claim: each group is sent by the replica ranking first for it, under a claim the others respect (one notification also while a receiver fails); position: Alertmanager's position x peer-timeout staggering. Default claim");
    HELP.put("cluster.tls-config", "Path to Alertmanager's cluster TLS file (tls_server_config, tls_client_config): mutual TLS between peers");
    HELP.put("web.listen-address", "Address to listen on for the API (host:port). Default :9093");
    HELP.put("web.external-url", "The URL under which this node is reachable (e.g. behind a reverse proxy), sent in notifications; its path is the default route prefix");
    HELP.put("web.route-prefix", "Prefix for the internal routes of web endpoints. Defaults to the path of --web.external-url");
    HELP.put("storage.path", "Base path for data storage. Default data/");
    HELP.put("config.file", "Alertmanager configuration file name. Default alertmanager.yml");
    HELP.put("data.retention", "How long to keep silences and notification log entries. Default 120h");
    HELP.put("data.maintenance-interval", "Interval between garbage collection and snapshotting to disk. Default 15m");
    HELP.put("log.level", "Only log messages with the given severity or above. One of: [debug, info, warn, error]. Default info");
    HELP.put("log.format", "Output format of log messages. One of: [logfmt, json]. Default logfmt");
    HELP.put("version", "Show application version.");
    HELP.put("help", "Show context-sensitive help.");
  }

  /** Flags that take no value. */
  static final java.util.Set<String> BOOLEAN = java.util.Set.of("version", "help");

  private Flags() {}

  /**
   * The usage text.
   *
   * @return one line per flag
   */
  public static String usage() {
    StringBuilder b = new StringBuilder("usage: java -jar alertcluster-node.jar [flags]\n"
        + "       java -jar alertcluster-node.jar demo\n\nFlags:\n");
    HELP.forEach((k, v) -> b.append(String.format("  --%-30s %s%n", k, v)));
    return b.toString();
  }

  /**
   * Parses the arguments.
   *
   * @param args the arguments
   * @return the options
   * @throws UsageException for an unknown flag, a missing or bad value; {@code --help} throws one
   *     whose message is the usage text
   */
  public static NodeOptions parse(String... args) throws UsageException {
    Map<String, String> single = new LinkedHashMap<>();
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new UsageException(usage());
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument \"" + arg + "\" (flags start with --; try --help)");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      String bare = eq >= 0 ? name.substring(0, eq) : name;
      // Known before value: an unknown flag is "unknown flag" (as kingpin says), not "needs a value".
      if (!HELP.containsKey(bare)) {
        throw new UsageException("unknown flag --" + bare + " (try --help)");
      }
      if (BOOLEAN.contains(bare)) {
        if (eq >= 0) {
          throw new UsageException("flag --" + bare + " takes no value");
        }
        single.put(bare, "true");
        continue;
      }
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = bare;
      } else {
        if (i + 1 >= args.length) {
          throw new UsageException("expected argument for flag --" + name);
        }
        value = args[++i];
      }
      if (name.equals("cluster.peer")) {
        if (!value.isEmpty()) {
          peers.add(value);
        }
      } else if (single.put(name, value) != null) {
        // kingpin refuses a repeated single-value flag; keeping the last one silently hides a mistake.
        throw new UsageException("flag '" + name + "' cannot be repeated");
      }
    }
    return build(single, peers);
  }

  private static NodeOptions build(Map<String, String> f, List<String> peers) throws UsageException {
    ClusterConfig.Builder b = preset(f.getOrDefault("cluster.preset", "lan"));
    String listen = f.getOrDefault("cluster.listen-address", b.build().bindAddress());
    Optional<ClusterConfig> cluster = Optional.empty();
    if (!listen.isEmpty()) {
      b.bindAddress(listen).knownPeers(peers);
      try {
        set(f, "cluster.advertise-address", b::advertiseAddress);
        set(f, "cluster.peer-name", b::nodeName);
        String label = f.getOrDefault("cluster.label", "");
        if (!label.isEmpty()) {
          b.clusterName(label);
        }
        duration(f, "cluster.settle-timeout", b::settleTimeout);
        duration(f, "cluster.pushpull-interval", b::pushPullInterval);
        duration(f, "cluster.gossip-interval", d -> b.settleInterval(d.multipliedBy(10)));
        duration(f, "cluster.reconnect-interval", b::reconnectInterval);
        duration(f, "cluster.reconnect-timeout", b::reconnectTimeout);
        duration(f, "cluster.peer-timeout", b::peerTimeout);
        duration(f, "cluster.peers-resolve-timeout", b::resolveTimeout);
        duration(f, "cluster.tcp-timeout", b::tcpTimeout);
        duration(f, "cluster.probe-interval", b::probeInterval);
        duration(f, "cluster.probe-timeout", b::probeTimeout);
        String tlsFile = f.getOrDefault("cluster.tls-config", "");
        if (!tlsFile.isEmpty()) {
          ClusterTlsFile.Result tls = ClusterTlsFile.load(Path.of(tlsFile));
          tls.warnings().forEach(w -> System.err.println("alertcluster-node: warning: " + w));
          b.tls(tls.tls());
        }
        cluster = Optional.of(b.build());
      } catch (IllegalArgumentException e) {
        throw new UsageException(namingFlags(e.getMessage())); // names the flag: "--cluster.peer[0] must be ..."
      }
    }
    String web = f.getOrDefault("web.listen-address", ":9093");
    checkHostPort(web, "web.listen-address");
    Duration retention = parseDuration(f, "data.retention", Duration.ofHours(120));
    Duration maintenance = parseDuration(f, "data.maintenance-interval", Duration.ofMinutes(15));
    if (retention.isZero() || maintenance.isZero()) {
      throw new UsageException("--data.retention and --data.maintenance-interval must be positive");
    }
    String externalUrl = f.getOrDefault("web.external-url", "");
    String prefix = routePrefix(externalUrl, f.get("web.route-prefix"));
    String level = f.getOrDefault("log.level", "info");
    if (!java.util.Set.of("debug", "info", "warn", "error").contains(level)) {
      throw new UsageException("invalid value \"" + level + "\" for flag --log.level: one of debug, info, warn, error");
    }
    String format = f.getOrDefault("log.format", "logfmt");
    if (!format.equals("logfmt") && !format.equals("json")) {
      throw new UsageException("invalid value \"" + format + "\" for flag --log.format: one of logfmt, json");
    }
    NotificationStrategy strategy;
    String strategyFlag = f.getOrDefault("cluster.notification-strategy", "claim");
    try {
      strategy = NotificationStrategy.parse(strategyFlag);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid value \"" + strategyFlag
          + "\" for flag --cluster.notification-strategy: " + e.getMessage());
    }
    return new NodeOptions(cluster, web, externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl,
        Path.of(f.getOrDefault("storage.path", "data/")),
        Path.of(f.getOrDefault("config.file", "alertmanager.yml")), retention, maintenance, prefix, level, format,
        strategy);
  }

  /** Alertmanager's rule: the route prefix defaults to the external URL's path; "/" means none. */
  private static String routePrefix(String externalUrl, String flag) throws UsageException {
    String p = flag;
    if (p == null) {
      p = "";
      if (!externalUrl.isEmpty()) {
        try {
          java.net.URI u = new java.net.URI(externalUrl);
          if (u.getScheme() == null || u.getHost() == null) {
            throw new UsageException("invalid value \"" + externalUrl + "\" for flag --web.external-url: "
                + "must be an absolute URL such as http://host:9093/alertmanager");
          }
          p = u.getRawPath() == null ? "" : u.getRawPath();
        } catch (java.net.URISyntaxException e) {
          throw new UsageException("invalid value \"" + externalUrl + "\" for flag --web.external-url: " + e.getReason());
        }
      }
    }
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** @return the version line {@code --version} prints */
  public static String version() {
    BuildInfo b = BuildInfo.current();
    return "alertcluster-node, version " + b.version() + " (branch: " + b.branch() + ", revision: "
        + b.revision() + "; Alertmanager API v2 subset; java " + System.getProperty("java.version") + ")";
  }

  /** The builder {@code --cluster.preset} names: the api's presets, so no timing is repeated here. */
  private static ClusterConfig.Builder preset(String name) throws UsageException {
    return switch (name) {
      case "lan" -> ClusterConfig.builder();
      case "loopback" -> ClusterConfig.loopback();
      default -> throw new UsageException("invalid value \"" + name
          + "\" for flag --cluster.preset: expected lan or loopback");
    };
  }

  private interface DurationSetter {
    void set(Duration d);
  }

  private static void set(Map<String, String> f, String name, java.util.function.Consumer<String> setter) {
    String v = f.get(name);
    if (v != null) {
      setter.accept(v);
    }
  }

  /** ClusterConfig field names in a message, as the flags that set them. */
  private static final Map<String, String> FLAG_OF_FIELD = Map.ofEntries(
      Map.entry("bindAddress", "--cluster.listen-address"),
      Map.entry("advertiseAddress", "--cluster.advertise-address"),
      Map.entry("knownPeers", "--cluster.peer"),
      Map.entry("nodeName", "--cluster.peer-name"),
      Map.entry("clusterName", "--cluster.label"),
      Map.entry("settleTimeout", "--cluster.settle-timeout"),
      Map.entry("pushPullInterval", "--cluster.pushpull-interval"),
      Map.entry("settleInterval", "--cluster.gossip-interval (x10)"),
      Map.entry("reconnectInterval", "--cluster.reconnect-interval"),
      Map.entry("reconnectTimeout", "--cluster.reconnect-timeout"),
      Map.entry("peerTimeout", "--cluster.peer-timeout"),
      Map.entry("resolveTimeout", "--cluster.peers-resolve-timeout"),
      Map.entry("tcpTimeout", "--cluster.tcp-timeout"),
      Map.entry("probeInterval", "--cluster.probe-interval"),
      Map.entry("probeTimeout", "--cluster.probe-timeout"));

  /**
   * Rewrites {@code ClusterConfig.knownPeers[0] must be host:port ...} as
   * {@code --cluster.peer[0] must be host:port ...}: the user typed flags, not Java fields.
   */
  static String namingFlags(String message) {
    String out = message;
    for (Map.Entry<String, String> e : FLAG_OF_FIELD.entrySet()) {
      out = out.replaceAll("ClusterConfig\\." + e.getKey() + "\\b",
          java.util.regex.Matcher.quoteReplacement(e.getValue()))
          .replaceAll("\\b(than|of|with) " + e.getKey() + "\\b",
              "$1 " + java.util.regex.Matcher.quoteReplacement(e.getValue()));
    }
    return out;
  }

  /** Any ClusterConfig field name, as a word (optionally "ClusterConfig."-qualified). */
  private static final java.util.regex.Pattern FIELD_WORD = java.util.regex.Pattern.compile(
      "(?<![\\w.-])(?:ClusterConfig\\.)?(" + String.join("|", FLAG_OF_FIELD.keySet()) + ")\\b");

  /**
   * Rewrites the ClusterConfig field names in a log line (the peer's lines name them: "retried every
   * reconnectInterval (3s)") as the flags that set them: the operator typed flags.
   *
   * @param line a log message
   * @return it with {@code --cluster.reconnect-interval} for {@code reconnectInterval}, and so on
   */
  static String flagsInLogLine(String line) {
    java.util.regex.Matcher m = FIELD_WORD.matcher(line);
    if (!m.find()) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    do {
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(FLAG_OF_FIELD.get(m.group(1))));
    } while (m.find());
    return m.appendTail(out).toString();
  }

  private static void duration(Map<String, String> f, String name, DurationSetter setter)
      throws UsageException {
    if (f.containsKey(name)) {
      setter.set(parseDuration(f, name, null));
    }
  }

  /** Duration flags for which 0 means something (ready at once); every other one must be positive. */
  private static final java.util.Set<String> ZERO_ALLOWED = java.util.Set.of("cluster.settle-timeout");

  private static Duration parseDuration(Map<String, String> f, String name, Duration dflt)
      throws UsageException {
    String v = f.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage();
      if (reason.startsWith("must not be negative") && !ZERO_ALLOWED.contains(name)) {
        // the parser's hint "use 0" is wrong where 0 is refused too (every flag but one)
        reason = "must be positive (e.g. 5s)";
      }
      throw new UsageException("invalid value \"" + v + "\" for flag --" + name + ": " + reason);
    }
  }

  private static void checkHostPort(String v, String name) throws UsageException {
    try {
      HostPort.parse("--" + name, v, HostPort.Allow.PORT_ZERO_AND_EMPTY_HOST);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
