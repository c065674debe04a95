package org.alertcluster.impl.jmx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only MBean for one peer. Attributes: {@code Name}, {@code Cluster}, {@code Address},
 * {@code Status}, {@code MemberList} and {@code FailedMemberList} ("name address" per member, in
 * position order), {@code States} ("key bytes") and one {@code long} attribute per
 * {@link ClusterMetric} named {@link ClusterMetric#attributeName()} with its first letter upper case,
 * as JMX attributes are (e.g. {@code Members}, {@code Position}, {@code PeersJoined}), whose
 * description is the Prometheus name and help. Values are read when asked, from one metrics snapshot
 * per {@link #getAttributes} call.
 *
 * <p>Public only because the root package ({@code JGroupsPeer}) registers it; <b>not API</b>: the
 * bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list of impl's public
 * types with the reason for each.
 */
public final class PeerMBean implements DynamicMBean {

  private static final Logger LOG = LoggerFactory.getLogger(PeerMBean.class);
  /** The JMX domain: {@value}. */
  static final String DOMAIN = "org.alertcluster";

  private static final List<MBeanAttributeInfo> FIXED = List.of(
      attr("Name", String.class, "This peer's node name"),
      attr("Cluster", String.class, "The cluster name (JGroups cluster)"),
      attr("Address", String.class, "The advertised host:port"),
      attr("Status", String.class, "SETTLING, READY, READY_AFTER_TIMEOUT or LEFT"),
      attr("MemberList", String[].class, "Members as 'name address', in position order"),
      attr("FailedMemberList", String[].class, "Failed members still retried, as 'name address'"),
      attr("States", String[].class, "Registered State keys as 'key bytes' (marshalled now)"));

  private final Peer peer;
  private final MBeanInfo info;

  /** @param peer the peer to show */
  PeerMBean(Peer peer) {
    this.peer = peer;
    List<MBeanAttributeInfo> attrs = new ArrayList<>(FIXED);
    for (ClusterMetric m : ClusterMetric.values()) {
      attrs.add(attr(attributeName(m), long.class, m.prometheusName() + labels(m)
          + " (" + m.type().name().toLowerCase(java.util.Locale.ROOT)
          + (m.unit().isEmpty() ? "" : ", " + m.unit()) + "): " + m.help()));
    }
    this.info = new MBeanInfo(PeerMBean.class.getName(),
        "alertcluster peer " + peer.name() + " in cluster " + peer.config().clusterName(),
        attrs.toArray(MBeanAttributeInfo[]::new), null, null, null);
  }

  /**
   * The object name of a peer's MBean.
   *
   * @param cluster the cluster name
   * @param name the peer name
   * @return {@code org.alertcluster:type=Peer,cluster=CLUSTER,name=NAME}, values quoted when needed
   */
  static ObjectName objectName(String cluster, String name) {
    try {
      return new ObjectName(DOMAIN + ":type=Peer,cluster=" + value(cluster) + ",name=" + value(name));
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * How often a peer started before any MBean server existed looks again: {@value} ms. Finding the
   * server list is a synchronized copy of a short list, so this costs nothing measurable.
   */
  static final long WAIT_FOR_SERVER_MS = 1000;

  /**
   * Registers an MBean for {@code peer} in the platform MBean server once JMX is in use in this JVM.
   * A name already taken (two peers with the same cluster and name in one JVM) is logged and skipped:
   * JMX is for operators and must never stop a peer.
   *
   * <p>Why "once in use": creating the platform MBean server loads about 400 classes (the server,
   * the JDK's platform MXBeans, JFR's and the diagnostic commands' MBeans), ~3 MB resident per
   * process, which a process nobody inspects over JMX never needs (the example replica is monitored
   * through {@code /metrics}). So when no MBean server exists yet, the peer looks every
   * {@link #WAIT_FOR_SERVER_MS} on {@code scheduler} and registers as soon as one does: created by a
   * JMX agent ({@code -Dcom.sun.management.jmxremote*}), by jconsole or VisualVM attaching (the
   * attach starts the local agent), by Karaf's management, or by any code calling
   * {@link ManagementFactory#getPlatformMBeanServer()}. In those cases the server usually exists
   * before the peer starts, and the MBean is registered at once.
   *
   * @param peer the peer
   * @param scheduler where the wait for a server runs; the handle cancels it
   * @return a handle that unregisters the MBean (or stops waiting for a server)
   */
  public static Runnable register(Peer peer, ScheduledExecutorService scheduler) {
    return register(peer, scheduler, PeerMBean::mbeanServerExists);
  }

  /** {@link #register(Peer, ScheduledExecutorService)} with the "is JMX in use" question given (tests). */
  static Runnable register(Peer peer, ScheduledExecutorService scheduler, BooleanSupplier serverExists) {
    Registration r = new Registration(peer, serverExists);
    if (!r.tryRegister()) {
      r.poll = scheduler.scheduleWithFixedDelay(() -> {
        if (r.tryRegister()) {
          r.poll.cancel(false);
        }
      }, WAIT_FOR_SERVER_MS, WAIT_FOR_SERVER_MS, TimeUnit.MILLISECONDS);
    }
    return r::close;
  }

  /**
   * Whether an MBean server exists, asked without creating one: the platform server is made by
   * {@link MBeanServerFactory#createMBeanServer()}, which lists it for {@code findMBeanServer}.
   */
  static boolean mbeanServerExists() {
    return !MBeanServerFactory.findMBeanServer(null).isEmpty();
  }

  /** One peer's registration: waiting for a server, registered, skipped, or closed. */
  private static final class Registration {
    private final Peer peer;
    private final ObjectName name;
    private final BooleanSupplier serverExists;
    private MBeanServer server;
    private boolean done;
    volatile ScheduledFuture<?> poll;

    Registration(Peer peer, BooleanSupplier serverExists) {
      this.peer = peer;
      this.serverExists = serverExists;
      this.name = objectName(peer.config().clusterName(), peer.name());
    }

    /** @return true when there is nothing left to wait for (registered, skipped or closed) */
    synchronized boolean tryRegister() {
      if (done) {
        return true;
      }
      if (!serverExists.getAsBoolean()) {
        return false;
      }
      done = true;
      try {
        MBeanServer s = ManagementFactory.getPlatformMBeanServer();
        s.registerMBean(new PeerMBean(peer), name);
        server = s;
      } catch (InstanceAlreadyExistsException e) {
        LOG.info("Peer {}: JMX name {} is taken by another peer in this JVM; no MBean for this one",
            peer.name(), name);
      } catch (JMException | RuntimeException | LinkageError e) {
        LOG.warn("Peer {}: could not register MBean {}: {}", peer.name(), name, e.toString());
      }
      return true;
    }

    synchronized void close() {
      done = true;
      ScheduledFuture<?> p = poll;
      if (p != null) {
        p.cancel(false);
      }
      if (server != null) {
        try {
          server.unregisterMBean(name);
        } catch (JMException e) {
          LOG.debug("Peer {}: MBean {} was already unregistered", peer.name(), name);
        }
        server = null;
      }
    }
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    return read(attribute, null);
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    ClusterMetrics snapshot = peer.metrics();
    AttributeList list = new AttributeList();
    for (String a : attributes) {
      try {
        list.add(new Attribute(a, read(a, snapshot)));
      } catch (AttributeNotFoundException e) {
        // JMX convention: unknown names are left out of the result
      }
    }
    return list;
  }

  private Object read(String attribute, ClusterMetrics snapshot) throws AttributeNotFoundException {
    switch (attribute) {
      case "Name": return peer.name();
      case "Cluster": return peer.config().clusterName();
      case "Address": return peer.self().address();
      case "Status": return peer.status().name();
      case "MemberList": return describe(peer.members());
      case "FailedMemberList": return describe(peer.failedMembers());
      case "States": return peer.stateSizes().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
      default:
        for (ClusterMetric m : ClusterMetric.values()) {
          if (attributeName(m).equals(attribute)) {
            return (snapshot != null ? snapshot : peer.metrics()).get(m);
          }
        }
        throw new AttributeNotFoundException(attribute);
    }
  }

  /**
   * The attribute of a metric: {@link ClusterMetric#attributeName()} with its first letter upper
   * case ({@code UPDATE_BYTES_SENT} is {@code UpdateBytesSent}), JMX's convention.
   *
   * @param m the metric
   * @return the attribute name
   */
  static String attributeName(ClusterMetric m) {
    String a = m.attributeName();
    return Character.toUpperCase(a.charAt(0)) + a.substring(1);
  }

  private static String labels(ClusterMetric m) {
    return m.labels().isEmpty() ? "" : m.labels().entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }

  private static String[] describe(List<Member> members) {
    // A failed peer without a name is a known peer that never joined.
    return members.stream().map(m -> (m.name().isEmpty() ? "(not joined yet)" : m.name()) + " "
        + m.address()).toArray(String[]::new);
  }

  @Override
  public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
    throw new AttributeNotFoundException(attribute.getName() + " is read-only");
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String actionName, Object[] params, String[] signature) {
    throw new UnsupportedOperationException("no operations; " + actionName);
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return info;
  }

  private static MBeanAttributeInfo attr(String name, Class<?> type, String description) {
    return new MBeanAttributeInfo(name, type.getName(), description, true, false, false);
  }

  private static String value(String s) {
    for (char c : s.toCharArray()) {
      if (",=:*?\"\n\\".indexOf(c) >= 0) {
        return ObjectName.quote(s);
      }
    }
    return s;
  }
}
