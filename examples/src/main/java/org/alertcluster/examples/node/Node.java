package org.alertcluster.examples.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.HostPort;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.examples.api.ApiServer;
import org.alertcluster.examples.api.ApiWarmUp;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.alertcluster.examples.api.Replica;
import org.alertcluster.examples.api.ReplicaMetrics;
import org.alertcluster.examples.config.AlertmanagerConfig;
import org.alertcluster.examples.config.ConfigException;
import org.alertcluster.examples.config.ConfigLoader;
import org.alertcluster.examples.config.HttpClientConfig;
import org.alertcluster.examples.notify.Inhibitor;
import org.alertcluster.examples.receiver.HttpClients;
import org.alertcluster.examples.config.ReceiverConfig;
import org.alertcluster.examples.config.WebhookConfig;
import org.alertcluster.examples.nflog.ClaimLog;
import org.alertcluster.examples.nflog.NotificationLog;
import org.alertcluster.examples.nflog.ReceiverKey;
import org.alertcluster.examples.notify.AlertStore;
import org.alertcluster.examples.notify.ClaimStage;
import org.alertcluster.examples.notify.ClaimStats;
import org.alertcluster.examples.notify.ClusterGate;
import org.alertcluster.examples.notify.Dispatcher;
import org.alertcluster.examples.notify.NotificationPipeline;
import org.alertcluster.examples.notify.PipelineStats;
import org.alertcluster.examples.receiver.Integration;
import org.alertcluster.examples.receiver.LogIntegration;
import org.alertcluster.examples.receiver.WebhookIntegration;
import org.alertcluster.examples.silence.Silences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica: the replicated states, the peer, the notification pipeline and the HTTP API, started in
 * Alertmanager's order (snapshots loaded before joining) and stopped in the reverse one. The process
 * ({@link Main}) and the in-JVM tests go through this same class.
 */
public final class Node implements Replica, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  /** Snapshot file names, as Alertmanager's. */
  static final String SILENCES_FILE = "silences";
  static final String NFLOG_FILE = "nflog";
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);
  /** How long a reload lets the old dispatcher's flushes finish before interrupting them. */
  private static final Duration RELOAD_FLUSH_WAIT = Duration.ofSeconds(30);

  private final NodeOptions options;
  private volatile AlertmanagerConfig config;
  private volatile boolean lastReloadSuccessful = true;
  private volatile Instant lastReloadSuccessAt = Instant.now();
  private final Object reloadLock = new Object();
  private ClusterGate gate;
  /** Sends under claims (the default strategy); null with the position strategy or no cluster. */
  private ClaimStage claimStage;
  private final Clock clock = Clock.systemUTC();
  private final Instant startedAt = Instant.now();
  private final Silences silences;
  private final NotificationLog nflog;
  private final ClaimLog claims;
  private final ClaimStats claimStats = new ClaimStats();
  private final SnapshotStore storage;
  private final ReplicaMetrics metrics;
  private final PipelineStats stats;
  private final Peer peer;
  private volatile Dispatcher dispatcher;
  private final AlertStore alerts;
  private final ScheduledExecutorService maintenance;
  private final ApiServer api;
  private volatile boolean closed;
  /** The webhook clients' selector threads, stopped at close (see HttpClients.build). */
  private final ThreadGroup httpClientThreads = new ThreadGroup("webhook-http");

  private Node(NodeOptions options, AlertmanagerConfig config) throws IOException {
    this.options = options;
    this.config = config;
    metrics = new ReplicaMetrics(this);
    stats = new PipelineStats(metrics.registry());
    config.warnings().forEach(w -> LOG.warn("config: {}", w));
    silences = new Silences(clock, options.retention());
    nflog = new NotificationLog(clock, options.retention());
    claims = new ClaimLog(clock);
    // Local resources first (storage, then the web port), so that a replica that cannot run never
    // joins the cluster: the others would see it join and leave.
    storage = new SnapshotStore(options.storagePath());
    storage.load(nflog, NFLOG_FILE);
    storage.load(silences, SILENCES_FILE);
    api = ApiServer.bind(parseListen(options.webListenAddress()), options.routePrefix(), this);
    // Before the join, not after the API starts: it then overlaps the join's network waits instead
    // of competing with the first requests and with the catch-up merges of a restarted replica
    // (whose merge path it warms too). Scratch objects only; a start that fails leaves it to end.
    ApiWarmUp.start(clock);

    try {
      peer = options.cluster().map(Node::createPeer).orElse(null);
    } catch (RuntimeException e) {
      api.stop();
      throw e;
    }
    try {
      if (peer != null) {
        nflog.setChannel(peer.addState(nflog));
        silences.setChannel(peer.addState(silences));
        claims.setChannel(peer.addState(claims));
        LOG.info("joined cluster {} as {} ({})", peer.config().clusterName(), peer.name(), peer.self().address());
      } else {
        LOG.info("clustering disabled (--cluster.listen-address is empty)");
      }
      gate = peer == null ? ClusterGate.disabled() : ClusterGate.of(peer, peer.config().peerTimeout());
      claimStage = peer == null || options.notificationStrategy() != NotificationStrategy.CLAIM
          ? null : new ClaimStage(peer, claims, nflog, peer.config().peerTimeout(), clock, claimStats);
      alerts = new AlertStore(clock, a -> dispatcher.receive(a));
      dispatcher = dispatcherFor(config);
      api.start();
    } catch (RuntimeException e) {
      if (dispatcher != null) {
        dispatcher.close();
      }
      HttpClients.stop(httpClientThreads);
      if (peer != null) {
        peer.close();
      }
      api.stop();
      throw e;
    }
    maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "node-maintenance");
      t.setDaemon(true);
      return t;
    });
    long every = options.maintenanceInterval().toMillis();
    maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a replica.
   *
   * @param options the command line
   * @param config the parsed {@code alertmanager.yml}
   * @return the running node
   * @throws IOException if the storage directory or the API port cannot be used
   * @throws RuntimeException if the peer cannot start (the message names the setting)
   */
  public static Node start(NodeOptions options, AlertmanagerConfig config) throws IOException {
    return new Node(options, config);
  }

  private static Peer createPeer(ClusterConfig c) {
    return Peers.create(c);
  }

  /** One dispatcher for a configuration: a pipeline per route, integrations per receiver. */
  private Dispatcher dispatcherFor(AlertmanagerConfig c) {
    Map<String, List<Integration>> byReceiver = new HashMap<>();
    for (ReceiverConfig r : c.receivers()) {
      byReceiver.put(r.name(), integrations(r));
    }
    Inhibitor inhibitor = new Inhibitor(c.inhibitRules(), alerts::list, clock);
    return new Dispatcher(c.route(), route -> new NotificationPipeline(route, byReceiver.get(route.receiver()),
        silences, nflog, gate, clock, stats, inhibitor, claimStage), clock);
  }

  private List<Integration> integrations(ReceiverConfig r) {
    List<Integration> out = new ArrayList<>();
    if (r.webhooks().isEmpty()) {
      out.add(new LogIntegration(r.name()));
      return out;
    }
    Map<HttpClientConfig, Supplier<HttpClient>> clients = new HashMap<>();
    for (int i = 0; i < r.webhooks().size(); i++) {
      WebhookConfig w = r.webhooks().get(i);
      Supplier<HttpClient> client = clients.computeIfAbsent(w.http(),
          h -> HttpClients.onFirstUse(h, httpClientThreads));
      out.add(new WebhookIntegration(new ReceiverKey(r.name(), "webhook", i), w.url(), w.sendResolved(),
          client, this::externalUrl, w.http(), w.maxAlerts()));
    }
    return out;
  }

  /**
   * Reloads {@code --config.file} in place, as Alertmanager does on {@code SIGHUP} and
   * {@code POST /-/reload}: the cluster membership, silences, notification log and alerts stay; the
   * routing tree, receivers and inhibit rules are replaced, and every alert held is routed again
   * (groups that already notified are not notified again: the notification log remembers them). A
   * file that cannot be read or is invalid is refused, the running configuration stays, and
   * {@link #lastReloadSuccessful()} turns false until a reload succeeds.
   *
   * @throws ConfigException why the file was refused
   */
  @Override
  public void reload() throws ConfigException {
    synchronized (reloadLock) {
      AlertmanagerConfig next;
      Dispatcher fresh;
      try {
        next = ConfigLoader.load(options.configFile());
        fresh = dispatcherFor(next);
      } catch (ConfigException e) {
        lastReloadSuccessful = false;
        LOG.error("reload of {} failed, keeping the running configuration: {}", options.configFile(), e.getMessage());
        throw e;
      } catch (IllegalArgumentException e) {
        lastReloadSuccessful = false;
        LOG.error("reload of {} failed, keeping the running configuration: {}", options.configFile(), e.getMessage());
        throw new ConfigException(options.configFile() + ": " + e.getMessage());
      }
      if (closed) {
        fresh.close();
        return;
      }
      next.warnings().forEach(w -> LOG.warn("config: {}", w));
      Dispatcher old = dispatcher;
      config = next;
      dispatcher = fresh; // alerts arriving from now on go to the new tree
      old.closeGracefully(RELOAD_FLUSH_WAIT);
      alerts.list().forEach(fresh::receive);
      lastReloadSuccessful = true;
      lastReloadSuccessAt = Instant.now();
      LOG.info("completed loading of configuration file {}", options.configFile());
    }
  }

  /** @return whether the last reload succeeded ({@code alertmanager_config_last_reload_successful}) */
  @Override
  public boolean lastReloadSuccessful() {
    return lastReloadSuccessful;
  }

  /** @return when the configuration was last loaded successfully */
  @Override
  public Instant lastReloadSuccessAt() {
    return lastReloadSuccessAt;
  }

  /**
   * The alerts that inhibit a label set under the current {@code inhibit_rules}.
   *
   * @param labels the labels
   * @return fingerprints (hex) of the inhibiting alerts
   */
  @Override
  public List<String> inhibitedBy(java.util.Map<String, String> labels) {
    return new Inhibitor(config.inhibitRules(), alerts::list, clock).inhibitedBy(labels);
  }

  @Override
  public ReplicaMetrics metrics() {
    return metrics;
  }

  /** @return the options the node was started with */
  public NodeOptions options() {
    return options;
  }

  /** Collects expired silences, log entries and old alerts, then writes the snapshots. */
  void maintain() {
    try {
      int s = silences.gc();
      int n = nflog.gc();
      claims.gc();
      alerts.gc(config.resolveTimeout());
      LOG.debug("maintenance: collected {} silences and {} log entries", s, n);
      snapshot();
    } catch (RuntimeException e) {
      LOG.error("maintenance failed", e);
    }
  }

  private void snapshot() {
    try {
      storage.save(nflog, NFLOG_FILE);
      storage.save(silences, SILENCES_FILE);
    } catch (IOException e) {
      LOG.error("cannot write snapshots to {}: {}", options.storagePath(), e.getMessage());
    }
  }

  /** Stops the pipeline, writes the final snapshot, leaves the cluster and stops the API. */
  @Override
  public void close() {
    synchronized (reloadLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    maintenance.shutdownNow();
    dispatcher.close();
    HttpClients.stop(httpClientThreads);
    snapshot();
    if (peer != null) {
      peer.leave(LEAVE_TIMEOUT);
    }
    api.stop();
    LOG.info("stopped");
  }

  /** @return the URL notifications link to */
  public String externalUrl() {
    if (!options.externalUrl().isEmpty()) {
      return options.externalUrl();
    }
    InetSocketAddress a = api == null ? parseListen(options.webListenAddress()) : api.address();
    String host = a.getAddress() == null || a.getAddress().isAnyLocalAddress() ? "localhost" : a.getHostString();
    return "http://" + host + ":" + a.getPort() + options.routePrefix();
  }

  @Override
  public Silences silences() {
    return silences;
  }

  @Override
  public NotificationLog nflog() {
    return nflog;
  }

  @Override
  public Optional<Peer> peer() {
    return Optional.ofNullable(peer);
  }

  @Override
  public AlertStore alerts() {
    return alerts;
  }

  @Override
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public ClaimStats claimStats() {
    return claimStats;
  }

  /** @return the replicated notification claims */
  public ClaimLog claims() {
    return claims;
  }

  @Override
  public PipelineStats stats() {
    return stats;
  }

  @Override
  public AlertmanagerConfig config() {
    return config;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  /** @return the bound API address (the real port when 0 was asked for) */
  public InetSocketAddress apiAddress() {
    return api.address();
  }

  @Override
  public boolean isReady() {
    return peer == null || peer.status().isReady();
  }

  static InetSocketAddress parseListen(String hostPort) {
    return HostPort.parse("--web.listen-address", hostPort, HostPort.Allow.PORT_ZERO_AND_EMPTY_HOST)
        .socketAddress();
  }
}
