package org.alertcluster.impl.osgi;

import org.alertcluster.api.ClusterConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The configuration of one peer: factory PID {@value #PID}, one factory configuration per cluster
 * this container joins. Every attribute is a field of {@link ClusterConfig} with the same name and
 * default; durations are in milliseconds. Values are checked by {@link ClusterConfig.Builder#build()};
 * an invalid configuration keeps the component from activating and logs the builder's message.
 */
@ObjectClassDefinition(
    id = PeerConfiguration.PID,
    name = "alertcluster peer",
    description = "Membership of this container in one alertcluster cluster (an Alertmanager-style"
        + " HA cluster on JGroups). Create one factory configuration per cluster; each becomes a Peer"
        + " service with the properties alertcluster.cluster and alertcluster.peer.name. States"
        + " registered as services are replicated by every peer whose cluster matches their"
        + " alertcluster.cluster property (all peers when absent).")
@interface PeerConfiguration {

  /** The factory PID: {@value}. */
  String PID = "org.alertcluster.peer";

  @AttributeDefinition(name = "Cluster name",
      description = "Alertmanager's --cluster.label. Peers join and exchange state only with peers of"
          + " the same name. Give each independent cluster that could reach another its own name."
          + " 1 to 255 UTF-8 bytes. Default: alertcluster.")
  String clusterName() default ClusterConfig.DEFAULT_CLUSTER_NAME;

  @AttributeDefinition(name = "Bind address",
      description = "host:port to listen on (Alertmanager's --cluster.listen-address). One TCP port"
          + " carries membership, updates and full states; failure detection opens a second port"
          + " chosen by the OS. Port 0 lets the OS pick. 0.0.0.0 listens on all interfaces and"
          + " advertises the first site-local address. Default: 0.0.0.0:9094.")
  String bindAddress() default ClusterConfig.DEFAULT_BIND_ADDRESS;

  @AttributeDefinition(name = "Advertise address", required = false,
      description = "host:port, or a host alone (then the bound port), other peers should use to"
          + " reach this one, needed behind NAT or port mapping (Alertmanager's"
          + " --cluster.advertise-address). IPv6 in brackets: [fd00::5]:9094. A host name is resolved"
          + " once at start. Default: empty, meaning the bind address (or the first site-local address when"
          + " binding a wildcard).")
  String advertiseAddress() default "";

  @AttributeDefinition(name = "Known peers", required = false, cardinality = 100,
      description = "Peers to contact when joining, each host:port (Alertmanager's --cluster.peer)"
          + " or dnssrv+NAME (every target and port of NAME's DNS SRV records, e.g."
          + " dnssrv+_cluster._tcp.am.monitoring.svc.cluster.local). A value may also hold several,"
          + " separated by commas or blanks (handy in .cfg files). Host and SRV names are resolved"
          + " again every DNS refresh interval. Listing this peer itself is harmless. Default: none, a cluster of"
          + " one until others join it.")
  String[] knownPeers() default {};

  @AttributeDefinition(name = "Node name", required = false,
      description = "This peer's name (Alertmanager's --cluster.peer-name). Names order the members"
          + " for position(), so a fixed name keeps a replica's position across restarts. Default:"
          + " empty, a generated unique name that sorts by start time (the oldest replica is"
          + " position 0).")
  String nodeName() default "";

  @AttributeDefinition(name = "Push-pull interval",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. Anti-entropy period: every interval this peer exchanges full state with one"
          + " random member, repairing lost updates (Alertmanager's --cluster.pushpull-interval)."
          + " Lower converges faster after a loss, at the cost of clusterSize x stateSize /"
          + " interval bytes per second. Default: 1m.")
  String pushPullInterval() default "1m";

  @AttributeDefinition(name = "Settle interval",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. How often the peer checks whether it has settled. Shorter means ready sooner,"
          + " but a membership still forming is more likely to look stable. Default: 1s.")
  String settleInterval() default "1s";

  @AttributeDefinition(name = "Settle stable polls", min = "1",
      description = "Consecutive polls that must see the same membership, after the join exchange,"
          + " before the peer is READY (Alertmanager's NumOkayRequired). Time to ready is"
          + " settleStablePolls x settleInterval. Default: 3.")
  int settleStablePolls() default 3;

  @AttributeDefinition(name = "Settle timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. Longest the peer stays SETTLING before it becomes READY_AFTER_TIMEOUT and logs"
          + " it (Alertmanager's --cluster.settle-timeout). 0 makes the peer ready at once."
          + " Default: 1m.")
  String settleTimeout() default "1m";

  @AttributeDefinition(name = "Reconnect interval",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds."
          + " Longest period between attempts to reach failed peers and lost subgroups"
          + " (Alertmanager's --cluster.reconnect-interval). JGroups MERGE3 rounds run every"
          + " 0.075-0.3 x min(probe interval, this), so partitions heal within about a second with"
          + " the defaults; this only slows that when set below the probe interval. Default: 10s.")
  String reconnectInterval() default "10s";

  @AttributeDefinition(name = "Reconnect timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. How long a failed peer is retried before it is forgotten (Alertmanager's"
          + " --cluster.reconnect-timeout; the Prometheus operator uses 5m). Default: 6h.")
  String reconnectTimeout() default "6h";

  @AttributeDefinition(name = "Peer timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. Alertmanager's --cluster.peer-timeout: how long a host waits per position"
          + " before notifying (position x peerTimeout). The peer only carries it so all replicas"
          + " are configured in one place. It must exceed the time an update takes to reach every"
          + " member. Default: 15s.")
  String peerTimeout() default "15s";

  @AttributeDefinition(name = "DNS refresh interval",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. How often host names in the known peers are resolved again so that new"
          + " addresses (a scaled-up StatefulSet) are contacted. Default: 15s.")
  String dnsRefreshInterval() default "15s";

  @AttributeDefinition(name = "Resolve timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. Longest one resolution of the known peers may take; a name that does not"
          + " resolve in time is retried at the next refresh (Alertmanager's"
          + " --cluster.peers-resolve-timeout). Default: 15s.")
  String resolveTimeout() default "15s";

  @AttributeDefinition(name = "TCP timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. Longest a full-state exchange waits for the other side's answer (Alertmanager's"
          + " --cluster.tcp-timeout). Large states on slow links need more. Default: 10s.")
  String tcpTimeout() default "10s";

  @AttributeDefinition(name = "Join timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. How long a joining peer waits for the known peers before forming a cluster of"
          + " its own (JGroups GMS join_timeout). Too short and peers started together form"
          + " separate clusters first (merged after the reconnect interval); too long delays a lone"
          + " first start. Default: 2s.")
  String joinTimeout() default "2s";

  @AttributeDefinition(name = "Probe interval",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. Interval between heartbeats (JGroups FD_ALL3 interval; Alertmanager's"
          + " --cluster.probe-interval). Must be below the failure detection timeout."
          + " Default: 1s.")
  String probeInterval() default "1s";

  @AttributeDefinition(name = "Probe timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. How long a suspected member gets to answer a direct check before it is removed"
          + " (JGroups VERIFY_SUSPECT2 timeout; Alertmanager's --cluster.probe-timeout). Set it to"
          + " about the p99 round-trip time. Default: 500ms.")
  String probeTimeout() default "500ms";

  @AttributeDefinition(name = "Failure detection timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. How long without any heartbeat or message before a member is suspected"
          + " (JGroups FD_ALL3 timeout). Lower detects hung peers faster but risks evicting one in"
          + " a long GC pause. Must exceed the probe interval. Default: 5s.")
  String failureDetectionTimeout() default "5s";

  @AttributeDefinition(name = "Oversized message threshold (bytes)", min = "1",
      description = "Broadcasts larger than this go through the oversized queue and sender so they"
          + " cannot hold up small updates. Default: 65536.")
  int oversizedMessageThreshold() default 64 * 1024;

  @AttributeDefinition(name = "Oversized queue capacity", min = "1",
      description = "Capacity of the oversized queue; a new oversized broadcast finding it full is"
          + " dropped and counted. Memory held at worst: capacity x largest message. Default: 200.")
  int oversizedQueueCapacity() default 200;

  @AttributeDefinition(name = "Send queue capacity", min = "1",
      description = "Capacity of the ordinary send queue; when full the oldest message is pruned and"
          + " counted (anti-entropy repairs it later). Default: 4096.")
  int sendQueueCapacity() default 4096;

  @AttributeDefinition(name = "JGroups stack file", required = false,
      description = "For experts: path of a JGroups XML stack to use instead of the built-in TCP"
          + " stack. Bind address, discovery and timing settings are then taken from the file;"
          + " only the cluster name is kept. Default: empty (built-in stack).")
  String stackConfig() default "";

  @AttributeDefinition(name = "TLS certificate file", required = false,
      description = "PEM file with this peer's certificate and any intermediates (Alertmanager"
          + " tls_server_config.cert_file). Setting it (or a keystore) switches on mutual TLS on the"
          + " cluster port. Rotated files are picked up by new connections without restart."
          + " Default: empty (plaintext).")
  String tlsCertificateFile() default "";

  @AttributeDefinition(name = "TLS key file", required = false,
      description = "PEM file with the unencrypted private key of the certificate: PKCS#8 or"
          + " PKCS#1 RSA (Alertmanager key_file). Default: empty.")
  String tlsKeyFile() default "";

  @AttributeDefinition(name = "TLS keystore file", required = false,
      description = "Instead of PEM files: a PKCS#12 or JKS keystore with one private key entry"
          + " (JGroups TLS.keystore_path). Default: empty.")
  String tlsKeyStoreFile() default "";

  @AttributeDefinition(name = "TLS keystore password", type = AttributeType.PASSWORD,
      required = false, description = "Password of the keystore and its key entry. Never shown"
          + " in logs or status. Default: empty.")
  String tlsKeyStorePassword() default "";

  @AttributeDefinition(name = "TLS keystore type", options = {
      @Option(label = "PKCS#12", value = "PKCS12"), @Option(label = "JKS", value = "JKS")},
      description = "Type of the keystore file. Default: PKCS12.")
  String tlsKeyStoreType() default "PKCS12";

  @AttributeDefinition(name = "TLS CA file", required = false,
      description = "PEM file with the CA certificates peer certificates must chain to, both ways"
          + " (Alertmanager client_ca_file and ca_file). Required with TLS unless a truststore is"
          + " given. Default: empty.")
  String tlsCaFile() default "";

  @AttributeDefinition(name = "TLS truststore file", required = false,
      description = "Instead of the CA file: a PKCS#12 or JKS truststore (JGroups"
          + " TLS.truststore_path). Default: empty.")
  String tlsTrustStoreFile() default "";

  @AttributeDefinition(name = "TLS truststore password", type = AttributeType.PASSWORD,
      required = false, description = "Password of the truststore. Never shown. Default: empty.")
  String tlsTrustStorePassword() default "";

  @AttributeDefinition(name = "TLS truststore type", options = {
      @Option(label = "PKCS#12", value = "PKCS12"), @Option(label = "JKS", value = "JKS")},
      description = "Type of the truststore file. Default: PKCS12.")
  String tlsTrustStoreType() default "PKCS12";

  @AttributeDefinition(name = "TLS client authentication", options = {
      @Option(label = "Require a valid peer certificate (mutual TLS)", value = "REQUIRE"),
      @Option(label = "Verify a certificate if given (migration only)", value = "VERIFY_IF_GIVEN"),
      @Option(label = "None: encrypt only, anyone may join", value = "NONE")},
      description = "Whether connecting peers must present a certificate (Alertmanager"
          + " client_auth_type). Default: REQUIRE.")
  String tlsClientAuth() default "REQUIRE";

  @AttributeDefinition(name = "TLS server name", required = false,
      description = "Name every peer certificate carries, checked instead of the dialled IP"
          + " (Alertmanager tls_client_config.server_name; see Alertmanager issue 3159). Default:"
          + " empty: the dialled IP or the host name of a known peer resolving to it.")
  String tlsServerName() default "";

  @AttributeDefinition(name = "TLS: skip server verification",
      description = "Accept any server certificate when dialling (Alertmanager"
          + " insecure_skip_verify). Traffic stays encrypted. Default: false.")
  boolean tlsInsecureSkipVerify() default false;

  @AttributeDefinition(name = "Leave timeout",
      description = "A duration: 30s, 500ms, 1m, 1h30m, ISO-8601 (PT30S) or plain milliseconds. Not a cluster setting: when this configuration is changed or deleted, or the"
          + " bundle stops, the peer leaves gracefully and waits at most this long for the others"
          + " to acknowledge; resources are released in any case. Default: 10s (Alertmanager's"
          + " shutdown value).")
  String leaveTimeout() default "10s";
}
